import type { BudgetHeading } from '#domain/budget/budget'
import { budgetVsActual, reportTotals } from '#domain/reports/report_totals'
import { diffLines } from '#domain/reports/report_diff'
import ExpenseImport from '#models/expense_import'
import ExpenseLine from '#models/expense_line'
import { withReceipts } from '#queries/expense_lines'
import type ExpenseReport from '#models/expense_report'
import ExpenseReportVersion from '#models/expense_report_version'
import type Grant from '#models/grant'
import MinimumStandard from '#models/minimum_standard'
import { currentBudgetLines } from '#queries/grant_finances'

/**
 * Everything an expense report page and its API answer show, read in a
 * fixed number of queries: lines with receipts, totals per heading and per
 * standard, budget against actual for the grant, and what changed since
 * the version that was returned.
 */
export async function expenseReportView(report: ExpenseReport, grant: Grant) {
  const [lines, budgetLines, versions, standards, imports] = await Promise.all([
    ExpenseLine.query()
      .where('expense_report_id', report.id)
      .orderBy('position')
      .orderBy('id')
      .then((found) => withReceipts(found, report.id)),
    currentBudgetLines(grant),
    ExpenseReportVersion.query().where('expense_report_id', report.id).orderBy('id'),
    MinimumStandard.query().orderBy('position'),
    ExpenseImport.query().where('expense_report_id', report.id).orderBy('id', 'desc').limit(5),
  ])
  const budgetLineById = new Map(budgetLines.map((line) => [line.id, line]))
  const headingOf = (line: ExpenseLine): BudgetHeading | null =>
    line.grantBudgetLineId ? (budgetLineById.get(line.grantBudgetLineId)?.heading ?? null) : null
  const totals = reportTotals(
    lines.map((line) => ({
      heading: headingOf(line),
      standard: line.standardCode,
      claimedCents: line.claimedCents,
      admittedCents: line.admittedCents,
    }))
  )

  // Budget against actual over the whole grant: admitted in approved reports, claimed in all.
  const grantLines = await ExpenseLine.query()
    .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
    .where('expense_reports.grant_id', grant.id)
    .whereNotNull('expense_lines.grant_budget_line_id')
    .groupBy('expense_lines.grant_budget_line_id', 'expense_reports.status')
    .select('expense_lines.grant_budget_line_id', 'expense_reports.status as report_status')
    .sum('expense_lines.claimed_cents as claimed')
    .sum('expense_lines.admitted_cents as admitted')
  const claimedByBudgetLine = new Map<number, number>()
  const admittedByBudgetLine = new Map<number, number>()
  for (const row of grantLines) {
    const id = Number(row.grantBudgetLineId)
    claimedByBudgetLine.set(
      id,
      (claimedByBudgetLine.get(id) ?? 0) + Number(row.$extras.claimed ?? 0)
    )
    if (row.$extras.report_status === 'approved') {
      admittedByBudgetLine.set(
        id,
        (admittedByBudgetLine.get(id) ?? 0) + Number(row.$extras.admitted ?? 0)
      )
    }
  }
  const actual = budgetVsActual(
    budgetLines.map((line) => ({
      id: line.id,
      heading: line.heading,
      label: line.label,
      totalCents: line.totalCents,
    })),
    admittedByBudgetLine,
    claimedByBudgetLine
  )

  const submitted = versions.filter((v) => v.event === 'submitted')
  const lastReturn = [...versions].reverse().find((v) => v.event === 'returned')
  const latestSubmission = submitted[submitted.length - 1]
  const diff =
    lastReturn && latestSubmission && latestSubmission.id > lastReturn.id
      ? diffLines(lastReturn.snapshot.lines, latestSubmission.snapshot.lines)
      : null

  return {
    lines,
    budgetLines,
    budgetLineById,
    totals,
    actual,
    versions,
    diff,
    standards,
    imports,
    undecided: lines.filter((line) => line.admittedCents === null).length,
    unflaggedUndecided: lines.filter((l) => l.admittedCents === null && l.flags.length === 0)
      .length,
  }
}
