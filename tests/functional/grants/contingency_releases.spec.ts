import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { divideRoundHalfUp } from '#domain/money'
import ContingencyRelease from '#models/contingency_release'
import type Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import Notification from '#models/notification'
import type User from '#models/user'
import { grantFinances } from '#queries/grant_finances'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/**
 * The worked example of §4 (TEC 1 052 631.58, F 1 000 000.00) with, beside
 * its one human-resources line, an indirect line and a contingency reserve
 * C of 10 000.00 (budget lines of version 1).
 */
async function grantWithReserve() {
  const { grant, funder, grantee } = await makeSignedGrant()
  const people = await paymentPeople(grant)
  await GrantBudgetLine.createMany(
    [
      ['indirect', 'Overheads', 7_000_000],
      ['contingency', 'Contingency reserve', 1_000_000],
    ].map(([heading, label, cents], index) => ({
      grantId: grant.id,
      version: 1,
      position: index + 1,
      heading: heading as GrantBudgetLine['heading'],
      label: label as string,
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: cents as number,
      totalCents: cents as number,
      thirdParty: null,
    }))
  )
  return { grant, funder, grantee, ...people }
}

function webRequest(amount: string, heading = 'equipment_supplies') {
  return {
    heading,
    amount,
    justification: 'The shelter boiler failed in January; a replacement is needed.',
  }
}

test.group('Contingency releases: web and API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the grantee requests, the funder grant manager approves: recorded, audited, notified', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, manager } = await grantWithReserve()
    const before = { tec: grant.totalEligibleCents, f: grant.funderCents }

    const response = await client
      .post(`/grants/${grant.id}/contingency-releases`)
      .form(webRequest('4 000,00'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const release = await ContingencyRelease.query().where('grant_id', grant.id).firstOrFail()
    response.assertHeader('location', `/contingency-releases/${release.id}`)
    assert.equal(release.status, 'requested')
    assert.equal(release.amountCents, 400_000)
    assert.lengthOf(
      await Notification.query()
        .where('user_id', manager.id)
        .where('kind', 'contingency_release_requested'),
      1
    )

    // the requester sees no decision form
    const pending = await client.get(`/contingency-releases/${release.id}`).loginAs(applicant)
    pending.assertStatus(200)
    assert.notInclude(pending.text(), 'data-decision-form')
    assert.include(pending.text(), 'data-awaiting')

    const decision = await client
      .post(`/contingency-releases/${release.id}/decision`)
      .form({ decision: 'approve', comment: 'Justified: boiler replacement.' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    decision.assertStatus(302)
    await release.refresh()
    assert.equal(release.status, 'approved')
    assert.equal(release.decidedById, manager.id)
    assert.equal(release.decisionComment, 'Justified: boiler replacement.')

    const events = await db
      .from('audit_events')
      .where('subject_type', 'contingency_release')
      .where('subject_id', String(release.id))
      .orderBy('id')
    assert.deepEqual(
      events.map((e) => e.action),
      ['contingency_release.requested', 'contingency_release.approved']
    )
    const approved = events[1]
    assert.equal(approved.actor_id, manager.id)
    assert.include(approved.before_json, '"status":"requested"')
    assert.include(approved.after_json, '"status":"approved"')
    assert.include(approved.after_json, '"remainingCents":600000')
    assert.lengthOf(
      await Notification.query()
        .where('user_id', applicant.id)
        .where('kind', 'contingency_release_approved'),
      1
    )

    // TEC, F and the share never change
    await grant.refresh()
    assert.deepEqual({ tec: grant.totalEligibleCents, f: grant.funderCents }, before)

    const grantPage = await client.get(`/grants/${grant.id}`).loginAs(applicant)
    grantPage.assertStatus(200)
    assert.include(grantPage.text(), `data-contingency-release="${release.id}"`)
    const list = await client.get(`/grants/${grant.id}/contingency-releases`).loginAs(applicant)
    list.assertStatus(200)
    assert.include(list.text(), 'data-contingency-form')
  })

  test('API: list, request and decide; the requester cannot decide', async ({ client, assert }) => {
    const { grant, funder, applicant, manager } = await grantWithReserve()
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/contingency-releases`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        heading: 'human_resources',
        amountCents: 250_000,
        justification: 'Night cover after two resignations.',
      })
    requested.assertStatus(201)
    const id = requested.body().data.id as number
    assert.equal(requested.body().data.status, 'requested')

    const own = await client
      .post(`/api/v1/contingency-releases/${id}/decision`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ decision: 'approve', comment: 'Self approval' })
    own.assertStatus(403)

    const decided = await client
      .post(`/api/v1/contingency-releases/${id}/decision`)
      .withGuard('api')
      .loginAs(manager)
      .json({ decision: 'refuse', comment: 'Use the savings on travel first.' })
    decided.assertStatus(200)
    assert.equal(decided.body().data.status, 'refused')

    const again = await client
      .post(`/api/v1/contingency-releases/${id}/decision`)
      .withGuard('api')
      .loginAs(await makeMember(funder, 'grant_manager'))
      .json({ decision: 'approve', comment: 'Second thoughts' })
    again.assertStatus(409)

    const list = await client
      .get(`/api/v1/grants/${grant.id}/contingency-releases`)
      .withGuard('api')
      .loginAs(applicant)
    list.assertStatus(200)
    assert.deepInclude(list.body().data, {
      reserveCents: 1_000_000,
      releasedCents: 0,
      pendingCents: 0,
      remainingCents: 1_000_000,
    })
    assert.lengthOf(list.body().data.releases, 1)
  })

  test('a person who requested cannot decide even with the grant manager role on the funder side', async ({
    client,
    assert,
  }) => {
    const { grant, funder, manager } = await grantWithReserve()
    // the same person holds a grantee role and a funder role (e.g. one organisation on both sides)
    const { addRole } = await import('#tests/grant_fixtures')
    const both: User = await addRole(manager, { id: grant.granteeOrganisationId }, 'applicant')
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/contingency-releases`)
      .withGuard('api')
      .loginAs(both)
      .json({ heading: 'travel', amountCents: 1_000, justification: 'Urgent trip.' })
    requested.assertStatus(201)
    const response = await client
      .post(`/api/v1/contingency-releases/${requested.body().data.id}/decision`)
      .withGuard('api')
      .loginAs(both)
      .json({ decision: 'approve', comment: 'Fine' })
    response.assertStatus(403)
    const release = await ContingencyRelease.findOrFail(requested.body().data.id)
    assert.equal(release.status, 'requested')
    assert.isDefined(funder)
  })

  test('an NGO of another organisation gets 404 on every endpoint and page', async ({
    client,
    assert,
  }) => {
    const { grant, applicant } = await grantWithReserve()
    const release = await ContingencyRelease.create({
      grantId: grant.id,
      heading: 'travel',
      amountCents: 10_000,
      currency: 'EUR',
      justification: 'Trip',
      status: 'requested',
      requestedById: applicant.id,
    })
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')
    const responses = [
      await client.get(`/grants/${grant.id}/contingency-releases`).loginAs(outsider),
      await client.get(`/contingency-releases/${release.id}`).loginAs(outsider),
      await client
        .post(`/grants/${grant.id}/contingency-releases`)
        .form(webRequest('100,00'))
        .loginAs(outsider)
        .withCsrfToken()
        .redirects(0),
      await client
        .get(`/api/v1/grants/${grant.id}/contingency-releases`)
        .withGuard('api')
        .loginAs(outsider),
      await client
        .post(`/api/v1/grants/${grant.id}/contingency-releases`)
        .withGuard('api')
        .loginAs(outsider)
        .json({ heading: 'travel', amountCents: 100, justification: 'x' }),
      await client
        .post(`/api/v1/contingency-releases/${release.id}/decision`)
        .withGuard('api')
        .loginAs(outsider)
        .json({ decision: 'approve', comment: 'x' }),
    ]
    for (const response of responses) response.assertStatus(404)
    assert.lengthOf(await ContingencyRelease.query().where('grant_id', grant.id), 1)
  })

  test('the funder side cannot request; the grantee cannot decide', async ({ client, assert }) => {
    const { grant, applicant, finance } = await grantWithReserve()
    const byFunder = await client
      .post(`/api/v1/grants/${grant.id}/contingency-releases`)
      .withGuard('api')
      .loginAs(finance)
      .json({ heading: 'travel', amountCents: 100, justification: 'x' })
    byFunder.assertStatus(403)
    const release = await ContingencyRelease.create({
      grantId: grant.id,
      heading: 'travel',
      amountCents: 10_000,
      currency: 'EUR',
      justification: 'Trip',
      status: 'requested',
      requestedById: finance.id,
    })
    const byGrantee = await client
      .post(`/api/v1/contingency-releases/${release.id}/decision`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ decision: 'approve', comment: 'x' })
    byGrantee.assertStatus(403)
    await release.refresh()
    assert.equal(release.status, 'requested')
  })

  test('a release above what remains of C is refused (409), at request and at approval', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, manager } = await grantWithReserve()
    const over = await client
      .post(`/api/v1/grants/${grant.id}/contingency-releases`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ heading: 'travel', amountCents: 1_000_001, justification: 'Too much' })
    over.assertStatus(409)
    assert.lengthOf(await ContingencyRelease.query().where('grant_id', grant.id), 0)

    // two requests each within C, together above it: the second approval is refused
    const ids: number[] = []
    for (const amountCents of [600_000, 500_000]) {
      const response = await client
        .post(`/api/v1/grants/${grant.id}/contingency-releases`)
        .withGuard('api')
        .loginAs(applicant)
        .json({ heading: 'travel', amountCents, justification: 'Repairs' })
      response.assertStatus(201)
      ids.push(response.body().data.id)
    }
    const first = await client
      .post(`/api/v1/contingency-releases/${ids[0]}/decision`)
      .withGuard('api')
      .loginAs(manager)
      .json({ decision: 'approve', comment: 'Yes' })
    first.assertStatus(200)
    const second = await client
      .post(`/api/v1/contingency-releases/${ids[1]}/decision`)
      .withGuard('api')
      .loginAs(manager)
      .json({ decision: 'approve', comment: 'Yes' })
    second.assertStatus(409)
    const refused = await ContingencyRelease.findOrFail(ids[1])
    assert.equal(refused.status, 'requested')
    assert.equal(await ContingencyRelease.approvedCents(grant.id), 600_000)

    // the web form answers with the message, nothing recorded
    const web = await client
      .post(`/grants/${grant.id}/contingency-releases`)
      .form(webRequest('4 000,01'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    web.assertStatus(302)
    assert.lengthOf(await ContingencyRelease.query().where('grant_id', grant.id), 2)
  })

  test('a missing justification is refused with 422', async ({ client }) => {
    const { grant, applicant } = await grantWithReserve()
    const response = await client
      .post(`/api/v1/grants/${grant.id}/contingency-releases`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ heading: 'indirect', amountCents: 100 })
    response.assertStatus(422)
  })
})

/** One approved report with the given lines (budget heading → admitted = claimed). */
async function approvedReportWith(
  grant: Grant,
  lines: { heading: GrantBudgetLine['heading']; cents: number }[],
  grantee: User,
  finance: User
) {
  const report = await new OpenExpenseReport().handle(grant.id, 1, grantee, '127.0.0.1')
  const budgetLines = await GrantBudgetLine.query().where('grant_id', grant.id)
  const created = await new AddExpenseLines().handle(
    report.id,
    lines.map((line, index) => ({
      spentOn: grant.periods[0].startsOn,
      supplier: `Supplier ${index}`,
      description: `Cost ${index}`,
      budgetLineId: budgetLines.find((b) => b.heading === line.heading)!.id,
      standard: 'MS-02',
      amountCents: line.cents,
      currency: 'EUR',
      rateMicro: null,
      rateSource: null,
      vat: 'exempt' as const,
      receiptNumber: null,
      supplierCountry: 'XK',
    })),
    grantee,
    '127.0.0.1'
  )
  await new SubmitExpenseReport().handle(report.id, grantee, '127.0.0.1')
  for (const line of created) {
    await new AdmitExpenseLine().handle(line.id, line.claimedCents, null, finance, '127.0.0.1')
  }
  // Approved by someone other than the person who admitted its lines.
  const { default: Organisation } = await import('#models/organisation')
  const approver = await makeMember(
    await Organisation.findOrFail(grant.funderOrganisationId),
    'finance_officer'
  )
  return new ApproveExpenseReport().handle(report.id, approver, '127.0.0.1')
}

test.group('Accepted costs feed the settlement', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the final contribution uses the capped indirect costs and contingency within releases', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, finance } = await grantWithReserve()
    // direct 1 000 000.00; indirect 100 000.00 (cap 70 000.00); contingency 5 000.00, none released
    await approvedReportWith(
      grant,
      [
        { heading: 'human_resources', cents: 100_000_000 },
        { heading: 'indirect', cents: 10_000_000 },
        { heading: 'contingency', cents: 500_000 },
      ],
      applicant,
      finance
    )
    const finances = await grantFinances(grant)
    assert.equal(finances.accepted.indirectExcessCents, 3_000_000)
    assert.equal(finances.accepted.contingencyExcessCents, 500_000)
    const accepted = 100_000_000 + 7_000_000
    assert.equal(finances.facts.acceptedCostsCents, accepted)
    const expected = Number(
      divideRoundHalfUp(
        BigInt(accepted) * BigInt(grant.funderCents),
        BigInt(grant.totalEligibleCents)
      )
    )
    // 1 070 000.00 × 95 % (exact ratio) → 1 016 500.00, but F caps it at 1 000 000.00
    assert.equal(
      finances.position.settlement.finalContributionCents,
      Math.min(expected, grant.funderCents)
    )
    // the API shows the same figure and its parts
    const api = await client.get(`/api/v1/grants/${grant.id}`).withGuard('api').loginAs(applicant)
    api.assertStatus(200)
    assert.equal(api.body().data.acceptedCostsCents, accepted)
    assert.equal(api.body().data.acceptedCosts.indirectAcceptedCents, 7_000_000)
  })

  test('below F the settlement differs from the uncapped one by exactly the share of the excess', async ({
    assert,
  }) => {
    const { grant, applicant, finance } = await grantWithReserve()
    await approvedReportWith(
      grant,
      [
        { heading: 'human_resources', cents: 50_000_000 },
        { heading: 'indirect', cents: 5_000_000 },
      ],
      applicant,
      finance
    )
    const finances = await grantFinances(grant)
    const capped = 50_000_000 + 3_500_000
    assert.equal(finances.facts.acceptedCostsCents, capped)
    const share = (cents: number) =>
      Number(
        divideRoundHalfUp(
          BigInt(cents) * BigInt(grant.funderCents),
          BigInt(grant.totalEligibleCents)
        )
      )
    assert.equal(finances.position.settlement.finalContributionCents, share(capped))
    assert.notEqual(finances.position.settlement.finalContributionCents, share(55_000_000))
    // 535 000.00 × 1 000 000.00 / 1 052 631.58 = 508 250.00
    assert.equal(finances.position.settlement.finalContributionCents, 50_825_000)
  })

  test('contingency costs count once a release is approved', async ({ assert }) => {
    const { grant, applicant, finance, manager } = await grantWithReserve()
    await ContingencyRelease.create({
      grantId: grant.id,
      heading: 'equipment_supplies',
      amountCents: 300_000,
      currency: 'EUR',
      justification: 'Boiler',
      status: 'approved',
      requestedById: applicant.id,
      decidedById: manager.id,
    })
    await approvedReportWith(
      grant,
      [
        { heading: 'human_resources', cents: 10_000_000 },
        { heading: 'contingency', cents: 500_000 },
      ],
      applicant,
      finance
    )
    const finances = await grantFinances(grant)
    assert.equal(finances.accepted.contingencyAcceptedCents, 300_000)
    assert.equal(finances.facts.acceptedCostsCents, 10_300_000)
  })

  test('page, API, PDF and CSV show the same accepted costs to the cent', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, finance } = await grantWithReserve()
    // direct 12 345.67; indirect 1 000.00, cap floor(864.1969) = 864.19; contingency 50.00, none released
    const report = await approvedReportWith(
      grant,
      [
        { heading: 'human_resources', cents: 1_234_567 },
        { heading: 'indirect', cents: 100_000 },
        { heading: 'contingency', cents: 5_000 },
      ],
      applicant,
      finance
    )
    const expected = {
      admittedCents: 1_339_567,
      indirectExcessCents: 13_581,
      contingencyExcessCents: 5_000,
      acceptedCents: 1_320_986,
    }
    const api = await client
      .get(`/api/v1/expense-reports/${report.id}`)
      .withGuard('api')
      .loginAs(applicant)
    api.assertStatus(200)
    assert.containSubset(api.body().data.accepted, expected)

    const page = await client.get(`/expense-reports/${report.id}`).loginAs(applicant)
    page.assertStatus(200)
    const shown = (name: string) =>
      page.text().match(new RegExp(`data-accepted="${name}">([^<]+)<`))![1]
    assert.include(shown('accepted'), '13,209.86')
    assert.include(shown('indirect-excess'), '135.81')
    assert.include(shown('contingency-excess'), '50.00')

    const pdf = await client
      .get(`/expense-reports/${report.id}/financial-report.pdf`)
      .loginAs(applicant)
    pdf.assertStatus(200)
    const dir = mkdtempSync(join(tmpdir(), 'sg-accepted-'))
    writeFileSync(join(dir, 'r.pdf'), pdf.body())
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'])
      .toString()
      .replace(/[\u00a0\u202f]/g, ' ')
    assert.match(text, /Accepted costs\s+€?\s*13,209\.86/)
    assert.match(text, /Indirect costs over 7 %[^\n]*135\.81/)

    const csv = await client
      .get(`/grants/${grant.id}/budget-vs-actual?format=csv`)
      .loginAs(applicant)
    csv.assertStatus(200)
    assert.include(csv.text(), `accepted_costs,${grant.reference},accepted,,,,,1320986`)
    assert.include(csv.text(), `accepted_costs,${grant.reference},indirect_over_cap,,,,,13581`)
  })
})
