import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import ExpenseLine from '#models/expense_line'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import { expenseReportView } from '#queries/expense_report_view'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/** A report of 205 lines on two budget lines and three standards, some admitted, some flagged. */
async function longReport() {
  const { grant } = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Shelter L') })
  const people = await paymentPeople(grant)
  const budgetLines = await GrantBudgetLine.query().where('grant_id', grant.id).orderBy('id')
  const report = await ExpenseReport.create({
    grantId: grant.id,
    periodNumber: 1,
    kind: 'interim',
    status: 'under_verification',
    currency: 'EUR',
    claimedCents: 0,
    createdById: people.applicant.id,
  })
  const standards = ['MS-02', 'MS-03', 'organisational']
  await ExpenseLine.createMany(
    Array.from({ length: 205 }, (_, i) => ({
      expenseReportId: report.id,
      position: i + 1,
      spentOn: DateTime.fromISO('2026-03-01'),
      supplier: `Supplier ${i + 1}`,
      description: `Line ${i + 1}`,
      grantBudgetLineId: i % 7 === 0 ? null : budgetLines[i % budgetLines.length].id,
      standardCode: standards[i % standards.length],
      currency: 'EUR',
      amountCents: 1001 + i * 37,
      claimedCents: 1001 + i * 37,
      vat: 'exempt' as const,
      supplierCountry: 'XK',
      flags: i % 5 === 0 ? [{ code: 'NO_RECEIPT' }] : [],
      admittedCents: i % 3 === 0 ? 1000 + i * 11 : null,
      decidedById: i % 3 === 0 ? (i % 2 === 0 ? people.finance.id : people.recorder.id) : null,
      decidedAt: i % 3 === 0 ? DateTime.now() : null,
      createdById: people.applicant.id,
    })) as Partial<ExpenseLine>[]
  )
  return { grant, report, ...people }
}

test.group('Expense report page: lines by page, totals over the whole report', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the page shows 100 lines at a time with links to the others', async ({ client }) => {
    const { report, finance } = await longReport()

    const first = await client.get(`/expense-reports/${report.id}`).loginAs(finance)
    first.assertStatus(200)
    first.assertTextIncludes('data-line="1"')
    first.assertTextIncludes('data-line="100"')
    first.assertTextIncludes('rel="next"')
    if (first.text().includes('data-line="101"')) throw new Error('page 1 shows line 101')

    const last = await client.get(`/expense-reports/${report.id}?page=3`).loginAs(finance)
    last.assertStatus(200)
    last.assertTextIncludes('data-line="201"')
    last.assertTextIncludes('data-line="205"')
    last.assertTextIncludes('rel="prev"')
    if (last.text().includes('data-line="1"')) throw new Error('page 3 shows line 1')
  })

  test('totals, undecided lines and deciders summed in SQL equal those over all lines', async ({
    assert,
  }) => {
    const { report, grant, finance, recorder } = await longReport()
    const fresh = await Grant.findOrFail(grant.id)
    const all = await expenseReportView(report, fresh)
    const paged = await expenseReportView(report, fresh, { linesPage: 2 })

    assert.lengthOf(all.lines, 205)
    assert.lengthOf(paged.lines, 100)
    assert.equal(paged.lines[0].position, 101)
    assert.deepEqual(paged.totals, all.totals)
    assert.equal(paged.undecided, all.undecided)
    assert.equal(paged.undecided, 205 - 69)
    assert.equal(paged.unflaggedUndecided, all.unflaggedUndecided)
    assert.deepEqual([...new Set(paged.decidedByIds)].sort(), [...new Set(all.decidedByIds)].sort())
    assert.includeMembers(paged.decidedByIds, [finance.id, recorder.id, null])
    const claimed = Array.from({ length: 205 }, (_, i) => 1001 + i * 37).reduce((a, b) => a + b)
    assert.equal(paged.totals.total.claimedCents, claimed)
  })

  test('another NGO cannot open a page of the report (404)', async ({ client }) => {
    const { report } = await longReport()
    const other = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')
    const response = await client.get(`/expense-reports/${report.id}?page=2`).loginAs(other)
    response.assertStatus(404)
  })
})
