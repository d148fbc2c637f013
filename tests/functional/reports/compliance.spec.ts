import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import AuditEvent from '#models/audit_event'
import ComplianceAssessment from '#models/compliance_assessment'
import ExpenseReport from '#models/expense_report'
import GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/** A shelter's sub-grant of the lead grantee, its first report, and the people around it. */
async function shelterReport() {
  const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
  const { grant: leadGrant } = await makeSignedGrant({ grantee: lead })
  const shelter = await makeOrganisation('ngo', 'Shelter A')
  const { grant } = await makeSignedGrant({ funder: lead, grantee: shelter, parent: leadGrant })
  const applicant = await makeMember(shelter, 'applicant')
  const finance = await makeMember(lead, 'finance_officer')
  const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, '127.0.0.1')
  return { grant, applicant, finance, report }
}

/** Adds one line and submits the report, as the grantee. */
async function submit(report: ExpenseReport, applicant: User) {
  const budgetLine = await GrantBudgetLine.query().where('grant_id', report.grantId).firstOrFail()
  await new AddExpenseLines().handle(
    report.id,
    [
      {
        spentOn: '2026-03-10',
        supplier: 'Alb Security',
        description: 'Night guard, March',
        budgetLineId: budgetLine.id,
        standard: 'MS-01',
        amountCents: 210000,
        currency: 'EUR',
        rateMicro: null,
        rateSource: null,
        vat: 'exempt',
        receiptNumber: 'AS-0326',
        supplierCountry: 'XK',
      },
    ],
    applicant,
    '127.0.0.1'
  )
  await new SubmitExpenseReport().handle(report.id, applicant, '127.0.0.1')
}

async function assessmentOf(reportId: number, code: string) {
  return ComplianceAssessment.query()
    .where('expense_report_id', reportId)
    .where('standard_code', code)
    .firstOrFail()
}

test.group('Compliance with the minimum standards', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the grantee’s self-assessment is saved, then confirmed or corrected by the finance officer', async ({
    client,
    assert,
  }) => {
    const { report, applicant, finance } = await shelterReport()

    const saved = await client
      .post(`/expense-reports/${report.id}/compliance`)
      .form({
        level_ms01: 'met',
        evidence_ms01: 'Security contract, duty roster',
        level_ms05: 'partly',
        comment_ms05: 'Legal aid only in Prishtina',
        level_ms08: 'met',
      })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', `/expense-reports/${report.id}#compliance`)
    const ms01 = await assessmentOf(report.id, 'MS-01')
    assert.equal(ms01.selfLevel, 'met')
    assert.equal(ms01.evidence, 'Security contract, duty roster')
    const ms05 = await assessmentOf(report.id, 'MS-05')
    assert.equal(ms05.selfLevel, 'partly')
    assert.lengthOf(await ComplianceAssessment.query().where('expense_report_id', report.id), 3)

    // Not while the report is a draft: the finance officer reviews a submitted report only.
    const early = await client
      .post(`/api/v1/expense-reports/${report.id}/compliance-review`)
      .withGuard('api')
      .loginAs(finance)
      .json({ entries: [{ standard: 'MS-01', level: 'met' }] })
    early.assertStatus(409)

    await submit(report, applicant)
    // The self-assessment is frozen with the report.
    const late = await client
      .post(`/api/v1/expense-reports/${report.id}/compliance`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ entries: [{ standard: 'MS-01', level: 'not_met' }] })
    late.assertStatus(409)

    const page = await client.get(`/expense-reports/${report.id}`).loginAs(finance)
    page.assertStatus(200)
    assert.include(page.text(), 'data-compliance-review-form')
    assert.include(page.text(), 'Safe accommodation')

    // A correction needs a reason.
    const noReason = await client
      .post(`/api/v1/expense-reports/${report.id}/compliance-review`)
      .withGuard('api')
      .loginAs(finance)
      .json({ entries: [{ standard: 'MS-08', level: 'partly' }] })
    noReason.assertStatus(409)

    const reviewed = await client
      .post(`/expense-reports/${report.id}/compliance-review`)
      .form({
        verifier_ms01: 'met',
        verifier_ms05: 'not_met',
        vcomment_ms05: 'No legal aid contract for the period',
      })
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
    reviewed.assertStatus(302)
    const confirmed = await assessmentOf(report.id, 'MS-01')
    assert.equal(confirmed.verifierLevel, 'met')
    assert.equal(confirmed.verifiedById, finance.id)
    const corrected = await assessmentOf(report.id, 'MS-05')
    assert.equal(corrected.selfLevel, 'partly')
    assert.equal(corrected.verifierLevel, 'not_met')
    assert.equal(corrected.verifierComment, 'No legal aid contract for the period')
    const unreviewed = await assessmentOf(report.id, 'MS-08')
    assert.isNull(unreviewed.verifierLevel)
    const underVerification = await ExpenseReport.findOrFail(report.id)
    assert.equal(underVerification.status, 'under_verification')

    const events = await AuditEvent.query()
      .where('subject_id', String(report.id))
      .whereIn('action', ['expense_report.compliance_saved', 'expense_report.compliance_reviewed'])
      .orderBy('id')
    assert.deepEqual(
      events.map((e) => e.action),
      ['expense_report.compliance_saved', 'expense_report.compliance_reviewed']
    )

    // The grantee sees the verifier's view; the API reports it too.
    const grantee = await client.get(`/expense-reports/${report.id}`).loginAs(applicant)
    assert.match(grantee.text(), /data-verifier-level="not_met"/)
    assert.include(grantee.text(), 'No legal aid contract for the period')
    const api = await client
      .get(`/api/v1/expense-reports/${report.id}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.deepInclude(api.body().data.compliance, {
      standard: 'MS-05',
      selfLevel: 'partly',
      evidence: null,
      comment: 'Legal aid only in Prishtina',
      verifierLevel: 'not_met',
      verifierComment: 'No legal aid contract for the period',
    })
  })

  test('each side may act only on its own part (403)', async ({ client, assert }) => {
    const { report, applicant, finance } = await shelterReport()
    const byFinance = await client
      .post(`/api/v1/expense-reports/${report.id}/compliance`)
      .withGuard('api')
      .loginAs(finance)
      .json({ entries: [{ standard: 'MS-01', level: 'met' }] })
    byFinance.assertStatus(403)

    await client
      .post(`/api/v1/expense-reports/${report.id}/compliance`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ entries: [{ standard: 'MS-01', level: 'met' }] })
      .then((r) => r.assertStatus(200))
    await submit(report, applicant)
    const byGrantee = await client
      .post(`/api/v1/expense-reports/${report.id}/compliance-review`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ entries: [{ standard: 'MS-01', level: 'not_met', comment: 'Actually not' }] })
    byGrantee.assertStatus(403)
    const untouched = await assessmentOf(report.id, 'MS-01')
    assert.isNull(untouched.verifierLevel)
  })

  test('unknown standards and levels are refused (422)', async ({ client }) => {
    const { report, applicant } = await shelterReport()
    const unknown = await client
      .post(`/api/v1/expense-reports/${report.id}/compliance`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ entries: [{ standard: 'organisational', level: 'met' }] })
    unknown.assertStatus(422)
    const level = await client
      .post(`/expense-reports/${report.id}/compliance`)
      .form({ level_ms01: 'excellent' })
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')
    level.assertStatus(422)
    level.assertBodyContains({ errors: [{ field: 'level_ms01' }] })
  })
})
