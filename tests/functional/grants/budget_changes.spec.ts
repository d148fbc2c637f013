import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import BudgetChange from '#models/budget_change'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import LedgerEntry from '#models/ledger_entry'
import { todayInKosovo } from '#services/clock'
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

    // Travel 5 000.00 → 6 250.00 is exactly +25 %; human resources −4.17 %.
    const response = await client
      .post(`/grants/${grant.id}/budget-changes`)
      .form(webForm('11.5', '12.5'))
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
      proposedCents: 625_000,
      changeCents: 125_000,
      changeBp: '2500',
      needsAddendum: false,
    })
    assert.deepEqual(await versionsOf(grant.id), [
      { version: 1, total: 3_000_000 },
      { version: 2, total: 3_025_000 },
    ])
    await grant.refresh()
    assert.equal(grant.totalEligibleCents, 3_025_000)
    assert.equal(grant.funderCents, 2_850_000)
    assert.equal(grant.cofinancingCents, 175_000)
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
    assert.include(page.text(), '+25.00 %')
    assert.include(page.text(), 'Notification')
    const list = await client.get(`/grants/${grant.id}/budget-changes`).loginAs(applicant)
    list.assertStatus(200)
    assert.include(list.text(), `data-budget-change="${change.id}"`)
    const grantPage = await client.get(`/grants/${grant.id}`).loginAs(applicant)
    grantPage.assertStatus(200)
    assert.include(grantPage.text(), `href="/grants/${grant.id}/budget-changes"`)
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
      .form(webForm('11.5', '13'))
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
      .form(webForm('11', '17'))
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

test.group('Budget changes: the funder contribution never rises (API)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a larger budget keeps F; a smaller one lowers it to 95 % of the new TEC', async ({
    client,
    assert,
  }) => {
    const { applicant, grant, manager } = await runningGrant()
    // Signed: F is committed in the ledger.
    await LedgerEntry.create({
      grantId: grant.id,
      kind: 'commitment',
      currency: 'EUR',
      amountCents: 2_850_000,
      bookedOn: DateTime.fromISO('2026-01-01'),
      paymentId: null,
      recoveryOrderId: null,
      description: 'Commitment',
      createdById: manager.id,
    })

    // Human resources +10 %: TEC 32 400.00, whose 95 % would be 30 780.00.
    const up = await client
      .post(`/api/v1/grants/${grant.id}/budget-changes`)
      .withGuard('api')
      .loginAs(applicant)
      .json(apiBody(220_000, 50_000))
    up.assertStatus(201)
    assert.containsSubset(up.body().data, {
      kind: 'notification',
      status: 'recorded',
      toVersion: 2,
      totalEligibleBeforeCents: 3_000_000,
      totalEligibleAfterCents: 3_240_000,
      funderBeforeCents: 2_850_000,
      funderAfterCents: 2_850_000,
      cofinancingAfterCents: 390_000,
    })
    await grant.refresh()
    assert.equal(grant.funderCents, 2_850_000)
    assert.equal(grant.cofinancingCents, 390_000)

    // Human resources back to the original, travel −20 %: TEC 29 000.00, whose 95 % is 27 550.00.
    const down = await client
      .post(`/api/v1/grants/${grant.id}/budget-changes`)
      .withGuard('api')
      .loginAs(applicant)
      .json(apiBody(200_000, 40_000))
    down.assertStatus(201)
    assert.containsSubset(down.body().data, {
      kind: 'notification',
      totalEligibleAfterCents: 2_900_000,
      funderBeforeCents: 2_850_000,
      funderAfterCents: 2_755_000,
      cofinancingAfterCents: 145_000,
    })

    // Back up again: F stays at the lower amount, it never climbs back.
    const again = await client
      .post(`/api/v1/grants/${grant.id}/budget-changes`)
      .withGuard('api')
      .loginAs(applicant)
      .json(apiBody(220_000, 50_000))
    again.assertStatus(201)
    assert.equal(again.body().data.funderAfterCents, 2_755_000)
    await grant.refresh()
    assert.equal(grant.funderCents, 2_755_000)
    assert.equal(grant.totalEligibleCents, 3_240_000)
    assert.equal(grant.funderCents + grant.cofinancingCents, grant.totalEligibleCents)
    // The ledger released what F lost: commitments less decommitments equal F.
    const decommitted = await LedgerEntry.query()
      .where('grant_id', grant.id)
      .where('kind', 'decommitment')
    assert.deepEqual(
      decommitted.map((e) => e.amountCents),
      [95_000]
    )
    const ledger = await client
      .get(`/api/v1/grants/${grant.id}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.equal(ledger.body().data.ledger.committedCents, grant.funderCents)

    const shown = await client
      .get(`/api/v1/budget-changes/${again.body().data.id}`)
      .withGuard('api')
      .loginAs(applicant)
    shown.assertStatus(200)
    assert.equal(shown.body().data.baseVersion, 1)
    assert.equal(
      shown.body().data.headings.find((h: { heading: string }) => h.heading === 'human_resources')
        .changeBp,
      '1000'
    )
  })

  test('a budget that breaks the indirect-cost cap is refused (409)', async ({ client }) => {
    const { applicant, grant } = await runningGrant()
    const body = apiBody(200_000, 50_000)
    body.lines[2].unitCostCents = 210_000 // 2 100.00 > 7 % of 29 000.00
    const response = await client
      .post(`/api/v1/grants/${grant.id}/budget-changes`)
      .withGuard('api')
      .loginAs(applicant)
      .json(body)
    // Indirect +110 % would also need an addendum, but a broken rule is refused first.
    response.assertStatus(409)
  })
})
