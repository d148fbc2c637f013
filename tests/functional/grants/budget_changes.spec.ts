import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import BudgetChange from '#models/budget_change'
import ExpenseLine from '#models/expense_line'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import LedgerEntry from '#models/ledger_entry'
import Organisation from '#models/organisation'
import { budgetOverview } from '#queries/budget_overview'
import { todayInKosovo } from '#services/clock'
import { approvedReport } from '#tests/grant_fixtures'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

/**
 * A signed grant with budget version 1:
 * human resources 12 × 2 000.00 = 24 000.00, travel 10 × 500.00 = 5 000.00,
 * indirect 1 000.00; TEC 30 000.00, F 28 500.00 (95 %), co-financing 1 500.00.
 */
async function runningGrant(status: 'signed' | 'draft' = 'signed') {
  const funder = await makeOrganisation('lead_grantee', 'Lead Funder')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager, { status: 'awarded' })
  const ngo = await makeOrganisation('ngo', 'Shelter NGO')
  const applicant = await makeMember(ngo, 'applicant')
  const grant = await Grant.create({
    reference: `BC-${Math.random().toString(36).slice(2, 8)}`,
    applicationId: null,
    callId: call.id,
    granteeOrganisationId: ngo.id,
    funderOrganisationId: funder.id,
    parentGrantId: null,
    currency: 'EUR',
    totalEligibleCents: 3_000_000,
    funderCents: 2_850_000,
    cofinancingCents: 150_000,
    paymentOption: 'option_2',
    prefinancingCapBp: 9000,
    startsOn: DateTime.fromISO('2026-01-01'),
    endsOn: DateTime.fromISO('2028-12-31'),
    reportingPeriodMonths: 12,
    status,
    createdById: manager.id,
  })
  await GrantBudgetLine.createMany([
    v1Line(grant.id, 0, 'human_resources', 'Social workers', 'month', 1200, 200_000),
    v1Line(grant.id, 1, 'travel', 'Field visits', 'trip', 1000, 50_000),
    v1Line(grant.id, 2, 'indirect', 'Overheads', 'lump sum', 100, 100_000),
  ])
  return { funder, manager, ngo, applicant, grant }
}

function v1Line(
  grantId: number,
  position: number,
  heading: GrantBudgetLine['heading'],
  label: string,
  unit: string,
  quantityHundredths: number,
  unitCostCents: number
) {
  return {
    grantId,
    version: 1,
    position,
    heading,
    label,
    unit,
    quantityHundredths,
    unitCostCents,
    totalCents: (quantityHundredths * unitCostCents) / 100,
    thirdParty: null,
  }
}

/** The web form: quantities of human resources and travel as typed, the rest unchanged. */
function webForm(hrQuantity: string, travelQuantity: string, extra: Record<string, string> = {}) {
  return {
    'justification': 'More field visits to reach rural municipalities.',
    'lines[0][heading]': 'human_resources',
    'lines[0][label]': 'Social workers',
    'lines[0][unit]': 'month',
    'lines[0][quantity]': hrQuantity,
    'lines[0][unitCost]': '2 000,00',
    'lines[1][heading]': 'travel',
    'lines[1][label]': 'Field visits',
    'lines[1][unit]': 'trip',
    'lines[1][quantity]': travelQuantity,
    'lines[1][unitCost]': '500.00',
    'lines[2][heading]': 'indirect',
    'lines[2][label]': 'Overheads',
    'lines[2][unit]': 'lump sum',
    'lines[2][quantity]': '1',
    'lines[2][unitCost]': '1000',
    'lines[3][heading]': 'travel',
    'lines[3][label]': '',
    'lines[3][unit]': '',
    'lines[3][quantity]': '',
    'lines[3][unitCost]': '',
    ...extra,
  }
}

/** The API body: amounts in cents. */
function apiBody(hrUnitCostCents: number, travelUnitCostCents: number) {
  return {
    justification: 'Salaries indexed to the new collective agreement.',
    lines: [
      {
        heading: 'human_resources',
        label: 'Social workers',
        unit: 'month',
        quantity: '12',
        unitCostCents: hrUnitCostCents,
      },
      {
        heading: 'travel',
        label: 'Field visits',
        unit: 'trip',
        quantity: '10',
        unitCostCents: travelUnitCostCents,
      },
      {
        heading: 'indirect',
        label: 'Overheads',
        unit: 'lump sum',
        quantity: '1',
        unitCostCents: 100_000,
      },
    ],
  }
}

async function versionsOf(grantId: number) {
  const rows = await db
    .from('grant_budget_lines')
    .where('grant_id', grantId)
    .groupBy('version')
    .select('version')
    .sum('total_cents as total')
    .orderBy('version')
  return rows.map((r) => ({ version: Number(r.version), total: Number(r.total) }))
}

test.group('Budget changes: notifications and addenda', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a change of at most 25 % per heading is recorded as a notification and becomes version 2', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()

    // Travel 5 000.00 → 6 000.00 is +20 %; human resources −4.17 %; TEC unchanged.
    const response = await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11.5', '12'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const change = await BudgetChange.query().where('grant_id', grant.id).firstOrFail()
    response.assertHeader('location', `/budget-changes/${change.id}`)
    assert.equal(change.kind, 'notification')
    assert.equal(change.status, 'recorded')
    assert.equal(change.fromVersion, 1)
    assert.equal(change.toVersion, 2)
    assert.equal(change.effectiveOn.toISODate(), todayInKosovo())
    const travel = change.analysis.headings.find((h) => h.heading === 'travel')!
    assert.deepInclude(travel, {
      baseCents: 500_000,
      proposedCents: 600_000,
      changeCents: 100_000,
      changeBp: '2000',
      needsAddendum: false,
    })
    assert.deepEqual(await versionsOf(grant.id), [
      { version: 1, total: 3_000_000 },
      { version: 2, total: 3_000_000 },
    ])
    await grant.refresh()
    assert.equal(grant.totalEligibleCents, 3_000_000)
    assert.equal(grant.funderCents, 2_850_000)
    assert.equal(grant.cofinancingCents, 150_000)
    const events = await db
      .from('audit_events')
      .where('subject_type', 'budget_change')
      .select('action')
    assert.deepEqual(
      events.map((e) => e.action),
      ['budget_change.notified']
    )

    const page = await client.get(`/budget-changes/${change.id}`).loginAs(applicant)
    page.assertStatus(200)
    assert.include(page.text(), '+20.00 %')
    assert.include(page.text(), 'Notification')
    const list = await client.get(`/grants/${grant.id}/budget-changes`).loginAs(applicant)
    list.assertStatus(200)
    assert.include(list.text(), `data-budget-change="${change.id}"`)
    // Baseline (version 1) against current (version 2) per heading.
    assert.include(
      list.text(),
      'data-heading="travel" data-baseline="500000" data-current="600000"'
    )
    const grantPage = await client.get(`/grants/${grant.id}`).loginAs(applicant)
    grantPage.assertStatus(200)
    assert.include(grantPage.text(), `href="/grants/${grant.id}/budget-changes"`)
    assert.include(
      grantPage.text(),
      'data-heading="travel" data-baseline="500000" data-current="600000"'
    )
  })

  test('notifications add up: a second one that takes a heading past 25 % of the original is an addendum', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11.5', '12'))
      .loginAs(applicant)
      .withCsrfToken()
    // Against version 2 travel moves +8.3 %; against the original 5 000.00 it is +30 %.
    await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11.25', '13'))
      .loginAs(applicant)
      .withCsrfToken()

    const changes = await BudgetChange.query().where('grant_id', grant.id).orderBy('id')
    assert.deepEqual(
      changes.map((c) => [c.kind, c.status, c.fromVersion, c.analysis.baseVersion]),
      [
        ['notification', 'recorded', 1, 1],
        ['addendum', 'requested', 2, 1],
      ]
    )
    assert.deepEqual(changes[1].analysis.addendumReasons, ['HEADING_OVER_FLEXIBILITY'])
  })

  test('a change over 25 % is an addendum request that applies only when the funder approves it', async ({
    client,
    assert,
  }) => {
    const { applicant, manager, grant } = await runningGrant()

    const tooSoon = await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(
        webForm('11', '15', {
          effectiveOn: DateTime.fromISO(todayInKosovo()).plus({ days: 29 }).toISODate()!,
        })
      )
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    tooSoon.assertFlashMessage(
      'error',
      `An addendum must be requested at least 30 days before it takes effect: the earliest date is ${DateTime.fromISO(todayInKosovo()).plus({ days: 30 }).toISODate()}.`
    )
    assert.lengthOf(await BudgetChange.query().where('grant_id', grant.id), 0)

    // Travel 5 000.00 → 7 500.00 is +50 %.
    await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11', '15'))
      .loginAs(applicant)
      .withCsrfToken()
    const change = await BudgetChange.query().where('grant_id', grant.id).firstOrFail()
    assert.equal(change.kind, 'addendum')
    assert.equal(change.status, 'requested')
    assert.isNull(change.toVersion)
    assert.equal(
      change.effectiveOn.toISODate(),
      DateTime.fromISO(todayInKosovo()).plus({ days: 30 }).toISODate()
    )
    assert.deepEqual(await versionsOf(grant.id), [{ version: 1, total: 3_000_000 }])
    await grant.refresh()
    assert.equal(grant.totalEligibleCents, 3_000_000)

    // While it waits, nothing else can be proposed.
    const blocked = await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11.5', '12'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(blocked.flashMessages().error), /still waiting for the funder/)

    const managerPage = await client.get(`/budget-changes/${change.id}`).loginAs(manager)
    assert.include(managerPage.text(), 'data-approve')
    // The funder's manager was told, and has it in the task inbox with its date.
    const { default: Notification } = await import('#models/notification')
    const asked = await Notification.query().where('kind', 'inbox.notices.addendum_requested')
    assert.deepEqual(
      asked.map((n) => n.userId),
      [manager.id]
    )
    const inbox = await client.get('/tasks?kind=addendum_decide').loginAs(manager)
    inbox.assertTextIncludes(`data-subject="budget_change:${change.id}"`)
    const approval = await client
      .post(`/budget-changes/${change.id}/decision`)
      .form({ decision: 'approve', comment: 'Agreed with the EU Office.' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    approval.assertFlashMessage(
      'success',
      'The addendum is approved; the new budget version applies.'
    )

    await change.refresh()
    assert.equal(change.status, 'approved')
    const told = await Notification.query().where('kind', 'inbox.notices.addendum_approved')
    assert.deepEqual(
      told.map((n) => n.userId),
      [applicant.id]
    )
    assert.equal(change.toVersion, 2)
    assert.equal(change.decidedById, manager.id)
    assert.deepEqual(await versionsOf(grant.id), [
      { version: 1, total: 3_000_000 },
      { version: 2, total: 3_050_000 },
    ])
    await grant.refresh()
    assert.equal(grant.totalEligibleCents, 3_050_000)
    assert.equal(grant.funderCents, 2_850_000)

    // The amended budget is the new base: travel 7 500.00 → 8 500.00 is +13.3 % of it.
    await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('10.5', '17'))
      .loginAs(applicant)
      .withCsrfToken()
    const next = await BudgetChange.query()
      .where('grant_id', grant.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(next.kind, 'notification')
    assert.equal(next.analysis.baseVersion, 2)
    assert.equal(next.toVersion, 3)

    const events = await db
      .from('audit_events')
      .where('subject_type', 'budget_change')
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      events.map((e) => e.action),
      ['budget_change.requested', 'budget_change.approved', 'budget_change.notified']
    )
  })

  test('a refusal needs a reason and leaves the budget as it was', async ({ client, assert }) => {
    const { applicant, manager, grant } = await runningGrant()
    await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11', '15'))
      .loginAs(applicant)
      .withCsrfToken()
    const change = await BudgetChange.query().where('grant_id', grant.id).firstOrFail()

    const withoutReason = await client
      .post(`/budget-changes/${change.id}/decision`)
      .form({ decision: 'refuse' })
      .loginAs(manager)
      .withCsrfToken()
      .accept('json')
    withoutReason.assertStatus(422)

    await client
      .post(`/budget-changes/${change.id}/decision`)
      .form({ decision: 'refuse', comment: 'Travel cannot double.' })
      .loginAs(manager)
      .withCsrfToken()
    await change.refresh()
    assert.equal(change.status, 'refused')
    assert.equal(change.decisionComment, 'Travel cannot double.')
    assert.isNull(change.toVersion)
    assert.deepEqual(await versionsOf(grant.id), [{ version: 1, total: 3_000_000 }])
  })

  test('the grantee cannot approve its own addendum request (403)', async ({ client, assert }) => {
    const { applicant, grant } = await runningGrant()
    await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11', '15'))
      .loginAs(applicant)
      .withCsrfToken()
    const change = await BudgetChange.query().where('grant_id', grant.id).firstOrFail()

    const page = await client.get(`/budget-changes/${change.id}`).loginAs(applicant)
    assert.notInclude(page.text(), 'data-approve')
    assert.include(page.text(), 'data-awaiting')

    const json = await client
      .post(`/budget-changes/${change.id}/decision`)
      .form({ decision: 'approve' })
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')
    json.assertStatus(403)
    const form = await client
      .post(`/budget-changes/${change.id}/decision`)
      .form({ decision: 'approve' })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    form.assertFlashMessage('error', 'Access denied')

    await change.refresh()
    assert.equal(change.status, 'requested')
    assert.deepEqual(await versionsOf(grant.id), [{ version: 1, total: 3_000_000 }])
  })

  test("an NGO cannot see or change another NGO's grant budget changes (404)", async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11.5', '12'))
      .loginAs(applicant)
      .withCsrfToken()
    const change = await BudgetChange.query().where('grant_id', grant.id).firstOrFail()
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    const responses = [
      await client.get(`/grants/${grant.id}/budget-changes`).loginAs(outsider),
      await client.get(`/budget-changes/${change.id}`).loginAs(outsider),
      await client
        .post(`/grants/${grant.id}/budget-changes`)
        .form(webForm('11', '15'))
        .loginAs(outsider)
        .withCsrfToken(),
      await client.get(`/api/v1/budget-changes/${change.id}`).withGuard('api').loginAs(outsider),
      await client
        .post(`/api/v1/grants/${grant.id}/budget-changes`)
        .withGuard('api')
        .loginAs(outsider)
        .json(apiBody(220_000, 50_000)),
    ]
    for (const response of responses) response.assertStatus(404)
    assert.lengthOf(await BudgetChange.query().where('grant_id', grant.id), 1)
  })

  test('only a running grant can change its budget', async ({ client, assert }) => {
    const { applicant, grant } = await runningGrant('draft')
    const response = await client
      .post(`/api/v1/grants/${grant.id}/budget-changes`)
      .withGuard('api')
      .loginAs(applicant)
      .json(apiBody(220_000, 50_000))
    response.assertStatus(409)
    assert.lengthOf(await BudgetChange.query().where('grant_id', grant.id), 0)
  })
})

/** Books money in the ledger of a grant (commitment at signature, payments, recoveries). */
async function book(
  grant: Grant,
  kind: 'commitment' | 'disbursement' | 'recovery',
  amountCents: number,
  by: { id: number }
) {
  await LedgerEntry.create({
    grantId: grant.id,
    kind,
    currency: 'EUR',
    amountCents,
    bookedOn: DateTime.fromISO('2026-01-01'),
    paymentId: null,
    recoveryOrderId: null,
    description: kind,
    createdById: by.id,
  })
}

async function ledgerBalance(grantId: number) {
  const entries = await LedgerEntry.query().where('grant_id', grantId)
  const sum = (kind: string) =>
    entries.filter((e) => e.kind === kind).reduce((t, e) => t + e.amountCents, 0)
  return sum('commitment') - sum('decommitment')
}

function api(client: any, user: any) {
  return (path: string, body: object) =>
    client.post(`/api/v1${path}`).withGuard('api').loginAs(user).json(body)
}

test.group('Budget changes: money stays right over time (API)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('raising a heading 25 % changes TEC: an addendum request, TEC, F and the share untouched until approved', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    // Human resources 24 000.00 → 30 000.00 (+25 %): TEC 36 000.00.
    const response = await api(client, applicant)(
      `/grants/${grant.id}/budget-changes`,
      apiBody(250_000, 50_000)
    )
    response.assertStatus(201)
    assert.containsSubset(response.body().data, {
      kind: 'addendum',
      status: 'requested',
      toVersion: null,
      addendumReasons: ['TEC_CHANGED'],
    })
    // Every line carries its stable key; the kept ones the keys of version 1.
    const keys = await GrantBudgetLine.query().where('grant_id', grant.id).orderBy('position')
    assert.deepEqual(
      response.body().data.lines.map((l: { lineKey: string }) => l.lineKey),
      keys.map((l) => l.lineKey)
    )
    await grant.refresh()
    assert.equal(grant.totalEligibleCents, 3_000_000)
    assert.equal(grant.funderCents, 2_850_000)
    assert.deepEqual(await versionsOf(grant.id), [{ version: 1, total: 3_000_000 }])
  })

  test('three notifications then the original budget: F, TEC and the share unchanged, no decommitment', async ({
    client,
    assert,
  }) => {
    const { applicant, manager, grant } = await runningGrant()
    await book(grant, 'commitment', 2_850_000, manager)
    const propose = api(client, applicant)
    // Travel −25 % lowers TEC: an addendum request, refused; F stays where it is.
    const cut = await propose(`/grants/${grant.id}/budget-changes`, apiBody(200_000, 37_500))
    assert.equal(cut.body().data.kind, 'addendum')
    await client
      .post(`/budget-changes/${cut.body().data.id}/decision`)
      .form({ decision: 'refuse', comment: 'No.' })
      .loginAs(manager)
      .withCsrfToken()
    await grant.refresh()
    assert.equal(grant.funderCents, 2_850_000)
    // HR unit cost 2 000.00 → x, travel 500.00 → y with 12 x + 10 y = 29 000.00.
    for (const [hr, travel] of [
      [205_000, 44_000],
      [210_000, 38_000],
      [195_000, 56_000],
      [200_000, 50_000],
    ]) {
      const response = await propose(`/grants/${grant.id}/budget-changes`, apiBody(hr, travel))
      response.assertStatus(201)
      assert.equal(response.body().data.kind, 'notification')
      assert.equal(response.body().data.funderAfterCents, 2_850_000)
      assert.equal(response.body().data.totalEligibleAfterCents, 3_000_000)
    }
    await grant.refresh()
    assert.equal(grant.totalEligibleCents, 3_000_000)
    assert.equal(grant.funderCents, 2_850_000)
    assert.equal(grant.cofinancingCents, 150_000)
    assert.equal(await ledgerBalance(grant.id), 2_850_000)
    assert.lengthOf(
      await LedgerEntry.query().where('grant_id', grant.id).where('kind', 'decommitment'),
      0
    )
  })

  test('only an approved addendum lowers F, recording the decommitment; never below paid less recovered (409)', async ({
    client,
    assert,
  }) => {
    const { applicant, manager, grant } = await runningGrant()
    await book(grant, 'commitment', 2_850_000, manager)
    const propose = api(client, applicant)
    // Travel −20 %: TEC 29 000.00, whose 95 % is 27 550.00.
    const down = await propose(`/grants/${grant.id}/budget-changes`, apiBody(200_000, 40_000))
    down.assertStatus(201)
    assert.containsSubset(down.body().data, {
      kind: 'addendum',
      status: 'requested',
      funderAfterCents: 2_755_000,
    })
    assert.equal(await ledgerBalance(grant.id), 2_850_000)
    await client
      .post(`/budget-changes/${down.body().data.id}/decision`)
      .form({ decision: 'approve', comment: 'Agreed.' })
      .loginAs(manager)
      .withCsrfToken()
    await grant.refresh()
    assert.equal(grant.funderCents, 2_755_000)
    assert.equal(grant.totalEligibleCents, 2_900_000)
    assert.equal(await ledgerBalance(grant.id), grant.funderCents)

    // 27 000.00 paid, 500.00 recovered: F may not fall below 26 500.00.
    await book(grant, 'disbursement', 2_700_000, manager)
    await book(grant, 'recovery', 50_000, manager)
    // HR 2 000.00 → 1 800.00 (−10 %), travel −20 % of the amended budget: TEC 26 600.00 → F 25 270.00.
    const body = apiBody(180_000, 40_000)
    const tooLow = await propose(`/grants/${grant.id}/budget-changes`, body)
    tooLow.assertStatus(409)
    assert.equal(tooLow.body().errors[0].code, 'E_FUNDER_BELOW_PAID')
    await grant.refresh()
    assert.equal(grant.funderCents, 2_755_000)
  })

  test('on a sub-grant, cutting every heading by 25 % is an addendum and is refused below what was paid (409)', async ({
    client,
    assert,
  }) => {
    const lead = await runningGrant()
    const { applicant, manager, grant } = await runningGrant()
    grant.parentGrantId = lead.grant.id
    await grant.save()
    await book(grant, 'commitment', 2_850_000, manager)
    await book(grant, 'disbursement', 2_500_000, manager)
    // Every heading −25 %: TEC 22 500.00, F would be 21 375.00 < 25 000.00 paid.
    const body = apiBody(150_000, 37_500)
    body.lines[2].unitCostCents = 75_000
    const preview = await api(client, applicant)(`/grants/${grant.id}/budget-change-previews`, body)
    assert.equal(preview.body().data.refusal.code, 'E_FUNDER_BELOW_PAID')
    const response = await api(client, applicant)(`/grants/${grant.id}/budget-changes`, body)
    response.assertStatus(409)
    assert.equal(response.body().errors[0].code, 'E_FUNDER_BELOW_PAID')
    await grant.refresh()
    assert.equal(grant.funderCents, 2_850_000)
    assert.equal(await ledgerBalance(grant.id), 2_850_000)
    assert.lengthOf(await BudgetChange.query().where('grant_id', grant.id), 0)
  })

  test('money out of the contingency is refused (409): it needs a contingency release', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    // Contingency 1 000.00 (≤ 5 % of D 29 000.00): TEC 31 000.00, F 29 450.00.
    await GrantBudgetLine.create(
      v1Line(grant.id, 3, 'contingency', 'Contingency reserve', 'lump sum', 100, 100_000)
    )
    grant.merge({
      totalEligibleCents: 3_100_000,
      funderCents: 2_945_000,
      cofinancingCents: 155_000,
    })
    await grant.save()

    // Travel +1 000.00 (+20 %) taken from the contingency: TEC unchanged.
    const body = apiBody(200_000, 60_000)
    const response = await api(client, applicant)(`/grants/${grant.id}/budget-changes`, body)
    response.assertStatus(409)
    assert.equal(response.body().errors[0].code, 'E_CONTINGENCY_RELEASE_NEEDED')
    assert.include(response.body().errors[0].message, 'contingency release')

    const form = await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('12', '12'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(form.flashMessages().error), /needs a contingency release/)
    for (const [locale, text] of [
      ['sq', /lëshim të rezervës/],
      ['sr-Latn', /oslobađanje rezerve/],
    ] as const) {
      const translated = await client
        .post(`/grants/${grant.id}/budget-changes`)
        .form(webForm('12', '12'))
        .withSession({ locale })
        .loginAs(applicant)
        .withCsrfToken()
        .redirects(0)
      assert.match(String(translated.flashMessages().error), text)
    }
    assert.lengthOf(await BudgetChange.query().where('grant_id', grant.id), 0)

    const growing = await api(client, applicant)(`/grants/${grant.id}/budget-changes`, {
      ...apiBody(200_000, 50_000),
      lines: [
        ...apiBody(200_000, 50_000).lines,
        {
          heading: 'contingency',
          label: 'Contingency reserve',
          unit: 'lump sum',
          quantity: '1',
          unitCostCents: 140_000,
        },
      ],
    })
    growing.assertStatus(201)
    assert.equal(growing.body().data.kind, 'addendum')
  })

  test('the kind is shown before submitting (web and API); nothing is stored', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    const page = await client
      .post(`/grants/${grant.id}/budget-changes/preview`)
      .form(webForm('11.5', '12'))
      .loginAs(applicant)
      .withCsrfToken()
    page.assertStatus(200)
    assert.include(page.text(), 'data-preview-kind="notification"')
    const addendum = await client
      .post(`/grants/${grant.id}/budget-changes/preview`)
      .form(webForm('11', '15'))
      .loginAs(applicant)
      .withCsrfToken()
    assert.include(addendum.text(), 'data-preview-kind="addendum"')
    assert.include(addendum.text(), 'data-addendum-reason="TEC_CHANGED"')

    const json = await api(client, applicant)(
      `/grants/${grant.id}/budget-change-previews`,
      apiBody(250_000, 50_000)
    )
    json.assertStatus(200)
    assert.equal(json.body().data.kind, 'addendum')
    // +25 % exactly is within the heading limit; the new TEC alone makes it an addendum.
    assert.deepEqual(json.body().data.addendumReasons, ['TEC_CHANGED'])
    assert.lengthOf(await BudgetChange.query().where('grant_id', grant.id), 0)
    assert.deepEqual(await versionsOf(grant.id), [{ version: 1, total: 3_000_000 }])
  })

  test('wrong roles and other organisations are denied (403/404)', async ({ client, assert }) => {
    const { funder, ngo, grant } = await runningGrant()
    const funderManager = await makeMember(funder, 'grant_manager')
    const ngoFinance = await makeMember(ngo, 'finance_officer')
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    for (const user of [funderManager, ngoFinance]) {
      const web = await client
        .post(`/grants/${grant.id}/budget-changes`)
        .form(webForm('11.5', '12'))
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
      web.assertStatus(403)
      const json = await api(client, user)(
        `/grants/${grant.id}/budget-changes`,
        apiBody(205_000, 44_000)
      )
      json.assertStatus(403)
      const preview = await api(client, user)(
        `/grants/${grant.id}/budget-change-previews`,
        apiBody(205_000, 44_000)
      )
      preview.assertStatus(403)
    }
    const hidden = await api(client, outsider)(
      `/grants/${grant.id}/budget-change-previews`,
      apiBody(205_000, 44_000)
    )
    hidden.assertStatus(404)
    const hiddenPage = await client
      .post(`/grants/${grant.id}/budget-changes/preview`)
      .form(webForm('11.5', '12'))
      .loginAs(outsider)
      .withCsrfToken()
    hiddenPage.assertStatus(404)
    assert.lengthOf(await BudgetChange.query().where('grant_id', grant.id), 0)
  })

  test('an unknown line key is refused (422)', async ({ client }) => {
    const { applicant, grant } = await runningGrant()
    const body = apiBody(205_000, 44_000)
    const lines = body.lines.map((l, i) => (i === 0 ? { ...l, lineKey: 'not-a-line' } : l))
    const response = await api(client, applicant)(`/grants/${grant.id}/budget-changes`, {
      ...body,
      lines,
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_UNKNOWN_LINE_KEY' }] })
  })
})

test.group('Budget changes: expense lines keep their budget line', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function claim(grant: Grant, budgetLineId: number, amountCents: number, by: any) {
    const report = await new OpenExpenseReport().handle(grant.id, 1, by, '127.0.0.1')
    await new AddExpenseLines().handle(
      report.id,
      [
        {
          spentOn: '2026-03-01',
          supplier: 'Payroll',
          description: 'Salaries',
          budgetLineId,
          standard: 'MS-09',
          amountCents,
          currency: 'EUR',
          rateMicro: null,
          rateSource: null,
          vat: 'exempt',
          receiptNumber: null,
          supplierCountry: 'XK',
        },
      ],
      by,
      '127.0.0.1'
    )
    return ExpenseLine.query().where('expense_report_id', report.id).firstOrFail()
  }

  test('after a notification an expense line points at the same budget line (same key) in the new version', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    const hrV1 = await GrantBudgetLine.query()
      .where('grant_id', grant.id)
      .where('heading', 'human_resources')
      .firstOrFail()
    const line = await claim(grant, hrV1.id, 100_000, applicant)

    const response = await api(client, applicant)(
      `/grants/${grant.id}/budget-changes`,
      apiBody(205_000, 44_000)
    )
    response.assertStatus(201)
    const hrV2 = await GrantBudgetLine.query()
      .where('grant_id', grant.id)
      .where('version', 2)
      .where('heading', 'human_resources')
      .firstOrFail()
    assert.equal(hrV2.lineKey, hrV1.lineKey)
    await line.refresh()
    assert.equal(line.grantBudgetLineId, hrV2.id)

    const overview = await budgetOverview(grant)
    const row = overview.main.rows.find((r) => r.kind === 'line' && r.budgetLineId === hrV2.id)!
    assert.equal(row.claimedCents, 100_000)
    assert.isUndefined(overview.main.rows.find((r) => r.synthetic === 'earlier'))
  })

  test('the heading flag is taken on the baseline: notifications do not raise the limit', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    // Notification: human resources 24 000.00 → 25 200.00 (+5 %), travel −24 %.
    const response = await api(client, applicant)(
      `/grants/${grant.id}/budget-changes`,
      apiBody(210_000, 38_000)
    )
    assert.equal(response.body().data.kind, 'notification')
    const hrV2 = await GrantBudgetLine.query()
      .where('grant_id', grant.id)
      .where('version', 2)
      .where('heading', 'human_resources')
      .firstOrFail()
    // 30 500.00 > 125 % of the baseline 24 000.00 (30 000.00), < 125 % of the current 25 200.00.
    const line = await claim(grant, hrV2.id, 3_050_000, applicant)
    assert.include(
      line.flags.map((f) => f.code),
      'HEADING_OVER_LIMIT'
    )
  })

  test('budget against actual keeps the admitted amount on its line and flags the heading against the baseline', async ({
    client,
    assert,
  }) => {
    const { applicant, grant } = await runningGrant()
    const finance = await makeMember(
      await Organisation.findOrFail(grant.funderOrganisationId),
      'finance_officer'
    )
    // 31 000.00 admitted on human resources (baseline 24 000.00, limit 30 000.00).
    await approvedReport(grant, 1, 3_100_000, 3_100_000, applicant, finance)
    // Notification: human resources 25 200.00 (+5 %); 125 % of it would be 31 500.00.
    const response = await api(client, applicant)(
      `/grants/${grant.id}/budget-changes`,
      apiBody(210_000, 38_000)
    )
    assert.equal(response.body().data.kind, 'notification')

    const overview = await budgetOverview(grant)
    const hr = overview.main.rows.find(
      (r) => r.kind === 'heading' && r.heading === 'human_resources'
    )!
    assert.equal(hr.admittedCents, 3_100_000)
    assert.equal(hr.plannedCents, 2_520_000)
    assert.isTrue(hr.overFlexibility)
    const line = overview.main.rows.find(
      (r) => r.kind === 'line' && r.heading === 'human_resources'
    )!
    assert.equal(line.admittedCents, 3_100_000)
    assert.isNull(line.synthetic)
    assert.deepEqual(overview.main.unassigned, { claimedCents: 0, admittedCents: 0 })
  })
})
