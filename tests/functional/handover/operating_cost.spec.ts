import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import type Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import HandoverNeed from '#models/handover_need'
import HandoverOtherFunding from '#models/handover_other_funding'
import OperatingCostDeclaration from '#models/operating_cost_declaration'
import ServiceStatistic from '#models/service_statistic'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

/**
 * A lead grant from March 2025 with three shelter NGOs under it (12 beds
 * each), their applicants, the lead grantee's finance officer (the
 * verifier of the sub-grants' reports) and an MLSW official.
 */
async function world() {
  const ministry = await makeOrganisation('ministry', 'Ministry of Labour and Social Welfare')
  const official = await makeMember(ministry, 'mlsw_official')
  const { grant: lead, grantee: leadGrantee } = await makeSignedGrant({
    startsOn: '2025-03-01',
    endsOn: '2028-02-29',
  })
  const finance = await makeMember(leadGrantee, 'finance_officer')
  const ngo = async (name: string) => {
    const organisation = await makeOrganisation('ngo', `${name} NGO`)
    const shelter = await makeShelter(organisation, name)
    const { grant } = await makeSignedGrant({
      parent: lead,
      funder: leadGrantee,
      grantee: organisation,
      totalEligibleCents: 5263158,
      funderCents: 5000000,
      startsOn: '2025-06-01',
      endsOn: '2027-05-31',
    })
    const applicant = await makeMember(organisation, 'applicant')
    return { organisation, shelter, grant, applicant }
  }
  return {
    official,
    finance,
    a: await ngo('Shelter A'),
    b: await ngo('Shelter B'),
    c: await ngo('Shelter C'),
  }
}

/** A report of period 1 with one line of 13 950.50 and 1 999 occupied bed-days, still a draft. */
async function draftReport(grant: Grant, applicant: User) {
  const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, '127.0.0.1')
  const budgetLine = await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
  const [line] = await new AddExpenseLines().handle(
    report.id,
    [
      {
        spentOn: grant.periods[0].startsOn,
        supplier: 'Supplier',
        description: 'Care staff',
        budgetLineId: budgetLine.id,
        standard: 'MS-09',
        amountCents: 1395050,
        currency: 'EUR',
        rateMicro: null,
        rateSource: null,
        vat: 'exempt',
        receiptNumber: null,
        supplierCountry: 'XK',
      },
    ],
    applicant,
    '127.0.0.1'
  )
  for (const [sex, ageBand, count] of [
    ['female', 'adult', 1500],
    ['female', 'under_18', 499],
  ] as const) {
    await ServiceStatistic.create({
      expenseReportId: report.id,
      measure: 'bed_days',
      sex,
      ageBand,
      origin: 'domestic',
      count,
    })
  }
  return { report, line }
}

function declare(client: ApiClient, reportId: number, user: User, fields: Record<string, string>) {
  return client
    .post(`/expense-reports/${reportId}/operating-cost`)
    .fields(fields)
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
}

function verify(client: ApiClient, reportId: number, user: User, fields: Record<string, string>) {
  return client
    .post(`/expense-reports/${reportId}/operating-cost/verification`)
    .fields(fields)
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
}

async function national(client: ApiClient, official: User) {
  const response = await client
    .get('/api/v1/handover/national?year=2026')
    .withGuard('api')
    .loginAs(official)
  response.assertStatus(200)
  return response.body().data
}

test.group('Expense reports: the shelter total operating cost', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the NGO declares it with its report; the finance officer verifies it; others are refused', async ({
    client,
    assert,
  }) => {
    const { finance, a, b } = await world()
    const { report } = await draftReport(a.grant, a.applicant)

    // Another organisation's NGO never sees the report: 404, nothing written.
    const stranger = await declare(client, report.id, b.applicant, { amount: '1 000,00' })
    stranger.assertStatus(404)
    // The verifier does not declare for the grantee.
    const byFinance = await client
      .post(`/expense-reports/${report.id}/operating-cost`)
      .fields({ amount: '1 000,00' })
      .loginAs(finance)
      .withCsrfToken()
      .accept('json')
    byFinance.assertStatus(403)
    assert.isNull(await OperatingCostDeclaration.findBy('expense_report_id', report.id))

    // A negative or missing amount is refused.
    const invalid = await client
      .post(`/expense-reports/${report.id}/operating-cost`)
      .fields({ amount: '-5,00' })
      .loginAs(a.applicant)
      .withCsrfToken()
      .accept('json')
    invalid.assertStatus(422)

    const declared = await declare(client, report.id, a.applicant, {
      amount: '41 874,56',
      note: 'Sub-grant 13 950.50, MLSW 20 000.00, municipality 7 924.06',
    })
    declared.assertStatus(302)
    declared.assertHeader('location', `/expense-reports/${report.id}#operating-cost`)
    const row = await OperatingCostDeclaration.findByOrFail('expense_report_id', report.id)
    assert.equal(row.declaredCents, 4187456)
    assert.isNull(row.verifiedCents)
    assert.equal(row.declaredById, a.applicant.id)

    // The page shows it to the grantee, with the form while the report is a draft.
    const page = await client.get(`/expense-reports/${report.id}`).loginAs(a.applicant)
    page.assertStatus(200)
    page.assertTextIncludes('data-operating-cost-declared>€41,874.56')
    page.assertTextIncludes(`action="/expense-reports/${report.id}/operating-cost"`)

    // Verification waits for the submission.
    const early = await verify(client, report.id, finance, { amount: '41 874,56' })
    early.assertStatus(302)
    await row.refresh()
    assert.isNull(row.verifiedCents)

    await new SubmitExpenseReport().handle(report.id, a.applicant, '127.0.0.1')
    // Once submitted the grantee can no longer change it.
    await declare(client, report.id, a.applicant, { amount: '1,00' })
    await row.refresh()
    assert.equal(row.declaredCents, 4187456)

    // The finance officer sees the declared figure and the verification form.
    const verifierPage = await client.get(`/expense-reports/${report.id}`).loginAs(finance)
    verifierPage.assertTextIncludes(
      `action="/expense-reports/${report.id}/operating-cost/verification"`
    )
    assert.notInclude(verifierPage.text(), `action="/expense-reports/${report.id}/operating-cost"`)

    // The grantee does not verify its own figure; another NGO cannot reach it.
    const selfVerify = await client
      .post(`/expense-reports/${report.id}/operating-cost/verification`)
      .fields({ amount: '41 874,56' })
      .loginAs(a.applicant)
      .withCsrfToken()
      .accept('json')
    selfVerify.assertStatus(403)
    const strangerVerify = await verify(client, report.id, b.applicant, { amount: '1,00' })
    strangerVerify.assertStatus(404)

    // A corrected figure needs a note
    // (the form is sent back with the message; nothing is saved).
    const withoutNote = await verify(client, report.id, finance, { amount: '41 234,56' })
    withoutNote.assertStatus(302)
    withoutNote.assertFlashMessage(
      'error',
      'A verified operating cost other than the declared one needs a note.'
    )
    await row.refresh()
    assert.isNull(row.verifiedCents)

    const verified = await verify(client, report.id, finance, {
      amount: '41 234,56',
      note: 'A heating invoice of 640.00 belongs to the next period.',
    })
    verified.assertStatus(302)
    await row.refresh()
    assert.equal(row.verifiedCents, 4123456)
    assert.equal(row.verifiedById, finance.id)
    assert.equal(row.verificationNote, 'A heating invoice of 640.00 belongs to the next period.')

    // Both steps are in the audit trail with before and after; the chain holds.
    const declaredEvent = await db
      .from('audit_events')
      .where({ action: 'expense_report.operating_cost_declared', actor_id: a.applicant.id })
      .firstOrFail()
    assert.include(declaredEvent.after_json, '"declaredCents":4187456')
    const verifiedEvent = await db
      .from('audit_events')
      .where({ action: 'expense_report.operating_cost_verified', actor_id: finance.id })
      .firstOrFail()
    assert.include(verifiedEvent.before_json, '"verifiedCents":null')
    assert.include(verifiedEvent.after_json, '"verifiedCents":4123456')
    const chain = await AuditTrail.verify()
    assert.isNull(chain.broken)
  })

  test('the API declares and verifies it with the same rules and denials', async ({
    client,
    assert,
  }) => {
    const { finance, a, b } = await world()
    const { report } = await draftReport(a.grant, a.applicant)
    const expectStatus = async (
      pending: Promise<{ assertStatus(s: number): void }>,
      status: number
    ) => {
      const response = await pending
      response.assertStatus(status)
    }
    const put = (user: User, body: Record<string, unknown>) =>
      client
        .put(`/api/v1/expense-reports/${report.id}/operating-cost`)
        .json(body)
        .withGuard('api')
        .loginAs(user)
    const verifyApi = (user: User, body: Record<string, unknown>) =>
      client
        .post(`/api/v1/expense-reports/${report.id}/operating-cost/verification`)
        .json(body)
        .withGuard('api')
        .loginAs(user)

    await expectStatus(put(b.applicant, { amountCents: 100_000 }), 404)
    await expectStatus(put(finance, { amountCents: 100_000 }), 403)
    const loose = await put(a.applicant, { amountCents: '1e3' })
    loose.assertStatus(422)
    assert.equal(loose.body().errors[0].field, 'amountCents')
    assert.isNull(await OperatingCostDeclaration.findBy('expense_report_id', report.id))

    const declared = await put(a.applicant, { amountCents: 4_187_456, note: 'All sources' })
    declared.assertStatus(200)
    assert.equal(declared.body().data.declaredCents, 4_187_456)
    assert.isNull(declared.body().data.verifiedCents)

    // Verification waits for the submission, and is the funder's finance officer's.
    await expectStatus(verifyApi(finance, { amountCents: 4_187_456 }), 409)
    await new SubmitExpenseReport().handle(report.id, a.applicant, '127.0.0.1')
    await expectStatus(verifyApi(a.applicant, { amountCents: 4_187_456 }), 403)
    await expectStatus(verifyApi(finance, { amountCents: 4_100_000 }), 409)
    const verified = await verifyApi(finance, { amountCents: 4_100_000, note: 'One invoice out' })
    verified.assertStatus(200)
    assert.equal(verified.body().data.verifiedCents, 4_100_000)
    const row = await OperatingCostDeclaration.findByOrFail('expense_report_id', report.id)
    assert.equal(row.verifiedById, finance.id)
  })

  test('the API national figures: need from the verified cost, the gap as the sum of shortfalls', async ({
    client,
    assert,
  }) => {
    const { official, finance, a, b, c } = await world()
    // Shelter A: the MLSW's norm while no verified operating cost exists, saved with
    // "from reports"; an amount without its justification is refused.
    const needForm = (fields: Record<string, string>) =>
      client
        .post(`/handover/shelters/${a.shelter.id}/need`)
        .fields({ year: '2026', method: 'reports', occupancy: '75', ...fields })
        .loginAs(official)
        .withCsrfToken()
        .redirects(0)
    await needForm({ amount: '60 000,00' })
    assert.isNull(await HandoverNeed.findBy('shelter_id', a.shelter.id))
    await needForm({ amount: '60 000,00', justification: 'MLSW norm: EUR 5 000 per bed a year' })
    const norm = await HandoverNeed.findByOrFail('shelter_id', a.shelter.id)
    assert.include(norm.toEntry(), { method: 'reports', amountCents: 6000000 })
    // Shelter B: entered, nothing funds it. Shelter C: entered, others fund more than it.
    for (const [shelter, cents] of [
      [b.shelter, 6000000],
      [c.shelter, 1000000],
    ] as const) {
      await HandoverNeed.create({
        shelterId: shelter.id,
        year: 2026,
        method: 'entered',
        occupancyBp: 7500,
        currency: 'EUR',
        amountCents: cents,
        justification: 'Coalition norm',
        setById: official.id,
      })
    }
    await HandoverOtherFunding.create({
      shelterId: c.shelter.id,
      year: 2026,
      source: 'other_donor',
      funderName: 'OSCE',
      currency: 'EUR',
      amountCents: 1500000,
      note: null,
      recordedById: official.id,
    })

    const { report, line } = await draftReport(a.grant, a.applicant)
    await declare(client, report.id, a.applicant, { amount: '41 874,56' })
    await new SubmitExpenseReport().handle(report.id, a.applicant, '127.0.0.1')
    await verify(client, report.id, finance, { amount: '41 234,56', note: 'One invoice moved' })

    // Verified but the report is not approved yet: still the norm, and the API says why.
    const before = await national(client, official)
    const rowOf = (data: typeof before, id: number) =>
      data.shelters.find((s: { id: number }) => s.id === id)
    assert.equal(rowOf(before, a.shelter.id).need.amountCents, 6000000)
    assert.isTrue(rowOf(before, a.shelter.id).need.withoutVerifiedCost)
    assert.equal(
      rowOf(before, a.shelter.id).need.justification,
      'MLSW norm: EUR 5 000 per bed a year'
    )

    const normPage = await client
      .get(`/handover/shelters/${a.shelter.id}?year=2026`)
      .loginAs(official)
    normPage.assertTextIncludes('data-need-fallback')
    normPage.assertTextIncludes('No verified total operating cost from the shelter')

    await new AdmitExpenseLine().handle(line.id, 1395050, null, finance, '127.0.0.1')
    // The report is approved by someone other than the person who admitted its lines.
    const { default: Organisation } = await import('#models/organisation')
    const approver = await makeMember(
      await Organisation.findOrFail(a.grant.funderOrganisationId),
      'finance_officer'
    )
    await new ApproveExpenseReport().handle(report.id, approver, '127.0.0.1')

    const data = await national(client, official)
    const needA = rowOf(data, a.shelter.id).need
    // 41 234.56 / 1 999 bed-days × 12 beds × 365 × 75 % = 67 761.6456… → 67 761.65, rounded once.
    assert.deepInclude(needA, {
      method: 'reports',
      withoutVerifiedCost: false,
      amountCents: 6776165,
      operatingCostCents: 4123456,
      bedDays: 1999,
      reports: 1,
      beds: 12,
      occupancyBp: 7500,
    })
    // The admitted 13 950.50 alone would have given 22 925.16: it is not the basis.
    assert.notEqual(needA.amountCents, 2292516)

    const positionOf = (id: number) => rowOf(data, id).position
    assert.equal(positionOf(a.shelter.id).shortfallCents, 6776165)
    assert.equal(positionOf(b.shelter.id).shortfallCents, 6000000)
    assert.equal(positionOf(c.shelter.id).shortfallCents, 0)
    assert.equal(positionOf(c.shelter.id).surplusCents, 500000)
    assert.equal(positionOf(c.shelter.id).gapCents, -500000)
    // The national gap is the sum of the shortfalls; C's surplus is shown apart, never netted.
    assert.equal(data.totals.gapCents, 6776165 + 6000000)
    assert.equal(data.totals.surplusCents, 500000)
    assert.equal(data.totals.sheltersShort, 2)
    assert.equal(data.totals.sheltersInSurplus, 1)
    assert.equal(data.totals.needCents, 6776165 + 6000000 + 1000000)

    // The page and the CSV show the same figures.
    const page = await client.get('/handover?year=2026').loginAs(official)
    page.assertTextIncludes('data-total="gap">€127,761.65')
    page.assertTextIncludes('data-total="surplus">€5,000.00')
    const shelterPage = await client
      .get(`/handover/shelters/${a.shelter.id}?year=2026`)
      .loginAs(official)
    shelterPage.assertTextIncludes('data-figure="need">€67,761.65')
    assert.notInclude(shelterPage.text(), 'data-need-fallback')
    const csv = await client.get('/handover/plan.csv').loginAs(official)
    const lines = csv.text().split('\n')
    const header = lines[0].split(',')
    const cells = lines.find((l) => l.startsWith('2026,Shelter C,'))!.split(',')
    assert.equal(cells.length, header.length)
    assert.equal(cells[header.indexOf('gap_eur')], '0.00')
    assert.equal(cells[header.indexOf('surplus_eur')], '5000.00')
  })
})
