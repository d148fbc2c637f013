import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime, Settings } from 'luxon'
import { DecideNarrativeReport } from '#actions/narrative/decide_narrative_report'
import { OpenNarrativeReport } from '#actions/narrative/open_narrative_report'
import { SaveNarrativeReport } from '#actions/narrative/save_narrative_report'
import { SubmitNarrativeReport } from '#actions/narrative/submit_narrative_report'
import type { NarrativeInput } from '#actions/narrative/narrative_support'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { statusAsOf } from '#domain/reports/status_history'
import GrantBudgetLine from '#models/grant_budget_line'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember } from '#tests/helpers'
import {
  giveGrantLogframe,
  narrativeBody,
  programmeIndicator,
} from '#tests/functional/narrative/fixtures'

const ip = '127.0.0.1'

/** Runs `work` as if the clock read `at` (Luxon's clock: actions, timestamps, the audit trail). */
async function at<T>(instant: string, work: () => Promise<T>) {
  const millis = DateTime.fromISO(instant).toMillis()
  Settings.now = () => millis
  try {
    return await work()
  } finally {
    Settings.now = () => Date.now()
  }
}

type Counted = { status: string; count: number }[]

function nonZero(rows: Counted) {
  return Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.status, r.count]))
}

test.group('Progress pack: reports as they stood at the end of the quarter', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => {
    Settings.now = () => Date.now()
  })

  test('the status at a moment comes from the recorded changes', ({ assert }) => {
    const report = { createdAt: '2026-08-01T00:00:00.000Z', status: 'approved' }
    const changes = [
      { status: 'submitted', at: '2026-08-20T10:00:00.000Z' },
      { status: 'approved', at: '2026-10-05T10:00:00.000Z' },
    ]
    assert.equal(statusAsOf(report, changes, '2026-09-30T21:59:59.999Z', 'draft'), 'submitted')
    assert.equal(statusAsOf(report, changes, '2026-12-31T22:59:59.999Z', 'draft'), 'approved')
    assert.equal(statusAsOf(report, changes, '2026-08-10T00:00:00.000Z', 'draft'), 'draft')
    assert.isNull(statusAsOf(report, changes, '2026-06-30T21:59:59.999Z', 'draft'))
    // A row with no recorded change counts as it is.
    assert.equal(statusAsOf(report, [], '2026-09-30T21:59:59.999Z', 'draft'), 'approved')
  })

  test('a report approved after the quarter counts as it stood at its end', async ({
    client,
    assert,
  }) => {
    // A grant whose first period (2025) is over, with a logframe for its narrative report.
    const { grant, funder } = await makeSignedGrant({
      startsOn: '2025-01-01',
      endsOn: '2026-12-31',
    })
    const indicator = await programmeIndicator()
    await giveGrantLogframe(grant.id, indicator.id)
    const people = await paymentPeople(grant)
    const manager = await makeMember(funder, 'grant_manager')
    const approver = await makeMember(funder, 'finance_officer')

    // In the third quarter: both reports submitted, the expense report under verification;
    // the narrative report is verified the next day.
    const { expenseReportId, narrativeReportId } = await at('2026-08-20T10:00:00Z', async () => {
      const expense = await new OpenExpenseReport().handle(grant.id, 1, people.applicant, ip)
      const budgetLine = await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
      const [line] = await new AddExpenseLines().handle(
        expense.id,
        [
          {
            spentOn: '2025-03-01',
            supplier: 'Supplier',
            description: 'Care staff',
            budgetLineId: budgetLine.id,
            standard: 'MS-02',
            amountCents: 100000,
            currency: 'EUR',
            rateMicro: null,
            rateSource: null,
            vat: 'exempt',
            receiptNumber: null,
            supplierCountry: 'XK',
          },
        ],
        people.applicant,
        ip
      )
      await new SubmitExpenseReport().handle(expense.id, people.applicant, ip)
      await new AdmitExpenseLine().handle(line.id, 100000, null, people.finance, ip)
      const narrative = await new OpenNarrativeReport().handle(grant.id, 1, people.applicant, ip)
      const text = narrativeBody(12) as unknown as NarrativeInput
      await new SaveNarrativeReport().handle(narrative.id, text, people.applicant, ip)
      await new SubmitNarrativeReport().handle(narrative.id, people.applicant, ip)
      return { expenseReportId: expense.id, narrativeReportId: narrative.id }
    })
    // Verified the next day, still in the third quarter.
    await at('2026-08-21T10:00:00Z', () =>
      new DecideNarrativeReport().handle(narrativeReportId, 'verified', null, people.finance, ip)
    )
    // In October: both approved.
    await at('2026-10-05T10:00:00Z', async () => {
      await new ApproveExpenseReport().handle(expenseReportId, approver, ip)
      await new DecideNarrativeReport().handle(narrativeReportId, 'approved', null, manager, ip)
    })

    const pack = async (quarter: string) => {
      const response = await client
        .get(`/api/v1/progress-packs/${quarter}`)
        .withGuard('api')
        .loginAs(manager)
      response.assertStatus(200)
      const data = response.body().data
      return { expense: nonZero(data.reports), narrative: nonZero(data.narrativeReports) }
    }
    assert.deepEqual(await pack('2026-Q3'), {
      expense: { under_verification: 1 },
      narrative: { verified: 1 },
    })
    assert.deepEqual(await pack('2026-Q4'), {
      expense: { approved: 1 },
      narrative: { approved: 1 },
    })
    // Before the reports were opened, they are not counted at all.
    assert.deepEqual(await pack('2026-Q2'), { expense: {}, narrative: {} })
    // The page shows the third quarter's counts too.
    const page = await client.get('/progress-pack?quarter=2026-Q3').loginAs(manager)
    page.assertStatus(200)
  })
})
