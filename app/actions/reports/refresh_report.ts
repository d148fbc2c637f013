import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading } from '#domain/budget/budget'
import { eligibilityFlags } from '#domain/reports/eligibility'
import ContingencyRelease from '#models/contingency_release'
import ExpenseLine from '#models/expense_line'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import type GrantBudgetLine from '#models/grant_budget_line'
import { linesOf } from '#actions/reports/expense_report_support'

/**
 * Recomputes every line's eligibility flags (duplicates and the heading
 * limit depend on the other lines) and the report's claimed total.
 */
export async function refreshReport(
  trx: TransactionClientContract,
  report: ExpenseReport,
  grant: Grant,
  budgetLines: readonly GrantBudgetLine[]
) {
  const lines = await linesOf(trx, report)
  const headingOf = new Map(budgetLines.map((line) => [line.id, line.heading]))
  const headingBudgetCents: Partial<Record<BudgetHeading, number>> = {}
  for (const line of budgetLines) {
    headingBudgetCents[line.heading] = (headingBudgetCents[line.heading] ?? 0) + line.totalCents
  }
  const earlier = await ExpenseLine.query({ client: trx })
    .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
    .where('expense_reports.grant_id', grant.id)
    .whereNot('expense_reports.id', report.id)
    .select('expense_lines.*', 'expense_reports.status as report_status')
  const headingClaimedBeforeCents: Partial<Record<BudgetHeading, number>> = {}
  for (const line of earlier) {
    if (line.$extras.report_status !== 'approved') continue
    const heading = line.grantBudgetLineId ? headingOf.get(line.grantBudgetLineId) : undefined
    if (!heading) continue
    headingClaimedBeforeCents[heading] =
      (headingClaimedBeforeCents[heading] ?? 0) + (line.admittedCents ?? 0)
  }
  const period = grant.periods.find((p) => p.number === report.periodNumber)!
  const flags = eligibilityFlags(
    lines.map((line) => ({
      key: line.id,
      spentOn: line.spentOn.toISODate()!,
      supplier: line.supplier,
      receiptNumber: line.receiptNumber,
      hasReceipt: line.receipts.length > 0,
      vat: line.vat,
      budgetLineId: line.grantBudgetLineId,
      heading: line.grantBudgetLineId ? (headingOf.get(line.grantBudgetLineId) ?? null) : null,
      currency: line.currency,
      rateMicro: line.exchangeRateMicro,
      claimedCents: line.claimedCents,
      amountCents: line.amountCents,
      lateCostAllowed: line.lateCostAllowed,
    })),
    {
      implementationStartsOn: grant.startsOn.toISODate()!,
      implementationEndsOn: grant.endsOn.toISODate()!,
      periodStartsOn: period.startsOn,
      periodEndsOn: period.endsOn,
      headingBudgetCents,
      headingClaimedBeforeCents,
      contingencyReleasedCents: await ContingencyRelease.approvedCents(grant.id, trx),
      earlierReceipts: earlier
        .filter((line) => line.receiptNumber)
        .map((line) => ({
          supplier: line.supplier,
          receiptNumber: line.receiptNumber!,
          amountCents: line.amountCents,
        })),
    }
  )
  for (const [index, line] of lines.entries()) {
    const next = flags[index].map((flag) => ({
      code: flag.code,
      ...(flag.detail ? { detail: flag.detail } : {}),
    }))
    if (JSON.stringify(next) !== JSON.stringify(line.flags)) {
      line.flags = next
      await line.save()
    }
  }
  report.claimedCents = lines.reduce((total, line) => total + line.claimedCents, 0)
  await report.save()
  return lines
}
