import db from '@adonisjs/lucid/services/db'
import { ImportProgress } from '#services/import_progress'
import type { BudgetHeading } from '#domain/budget/budget'
import type { TotalsLine } from '#domain/reports/report_totals'
import { budgetVsActual, reportTotals } from '#domain/reports/report_totals'
import { diffLines } from '#domain/reports/report_diff'
import ExpenseImport from '#models/expense_import'
import ExpenseLine from '#models/expense_line'
import { withReceipts } from '#queries/expense_lines'
import type ExpenseReport from '#models/expense_report'
import ExpenseReportVersion from '#models/expense_report_version'
import type Grant from '#models/grant'
import { acceptedCostsOfReport } from '#queries/accepted_costs'
import { currentBudgetLines } from '#queries/grant_finances'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'

/** Lines per page of the expense report page. */
export const linesPerPage = 100

/**
 * Everything an expense report page and its API answer show, read in a
 * fixed number of queries: lines with receipts, totals per heading and per
 * standard, budget against actual for the grant, and what changed since
 * the version that was returned. With `linesPage`, `lines` is that page of
 * the lines (a paginator) and the totals and counts come from SQL sums over
 * all lines, so the cost follows the page, not the report.
 */
export async function expenseReportView(
  report: ExpenseReport,
  grant: Grant,
  options: { linesPage?: number } = {}
) {
  const linesQuery = ExpenseLine.query()
    .where('expense_report_id', report.id)
    .preload('receipts')
    .orderBy('position')
    .orderBy('id')
  const [lines, budgetLines, versions, standards, imports] = await Promise.all([
    options.linesPage === undefined
      ? ExpenseLine.query()
          .where('expense_report_id', report.id)
          .orderBy('position')
          .orderBy('id')
          .then((found) => withReceipts(found, report.id))
      : linesQuery.paginate(options.linesPage, linesPerPage),
    currentBudgetLines(grant),
    ExpenseReportVersion.query().where('expense_report_id', report.id).orderBy('id'),
    /* The version in force when the report's period began (ADR 0027). */
    new MinimumStandardCatalogue().forReport(report, grant),
    ExpenseImport.query()
      .where('expense_report_id', report.id)
      .whereNull('dismissed_at')
      .orderBy('id', 'desc')
      .limit(5)
      .then((jobs) => jobs.map((job) => ImportProgress.of(job))),
  ])
  const budgetLineById = new Map(budgetLines.map((line) => [line.id, line]))
  const headingOf = (line: ExpenseLine): BudgetHeading | null =>
    line.grantBudgetLineId ? (budgetLineById.get(line.grantBudgetLineId)?.heading ?? null) : null
  const summary =
    options.linesPage === undefined
      ? {
          totals: reportTotals(
            lines.map((line) => ({
              heading: headingOf(line),
              standard: line.standardCode,
              claimedCents: line.claimedCents,
              admittedCents: line.admittedCents,
            }))
          ),
          decidedByIds: lines.map((line) => line.decidedById),
          unflaggedUndecided: lines.filter((l) => l.admittedCents === null && l.flags.length === 0)
            .length,
        }
      : await reportSummaryInSql(report, budgetLineById)
  const totals = summary.totals

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

  const accepted = await acceptedCostsOfReport(report, lines)

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
    accepted,
    actual,
    versions,
    diff,
    standards,
    imports,
    undecided: totals.unverifiedLines,
    unflaggedUndecided: summary.unflaggedUndecided,
    /** Who decided on any line of the report (segregation of duties). */
    decidedByIds: summary.decidedByIds,
  }
}

/**
 * The report's totals, who decided on its lines and its unflagged undecided
 * lines, summed in SQL (exact integer cents) instead of over loaded lines.
 */
async function reportSummaryInSql(
  report: ExpenseReport,
  budgetLineById: Map<number, { heading: BudgetHeading }>
) {
  const [groups, deciders, unflagged] = await Promise.all([
    db
      .from('expense_lines')
      .where('expense_report_id', report.id)
      .groupByRaw('grant_budget_line_id, standard_code, admitted_cents IS NULL')
      .select('grant_budget_line_id', 'standard_code')
      .select(db.raw('admitted_cents IS NULL AS unverified'))
      .sum('claimed_cents as claimed')
      .sum('admitted_cents as admitted')
      .count('* as line_count')
      .orderByRaw('min(position)'),
    db
      .from('expense_lines')
      .where('expense_report_id', report.id)
      .distinct('decided_by_id')
      .select('decided_by_id'),
    db
      .from('expense_lines')
      .where('expense_report_id', report.id)
      .whereNull('admitted_cents')
      .where('flags_json', '[]')
      .count('* as count'),
  ])
  const entries: TotalsLine[] = groups.map((group) => {
    const budgetLineId =
      group.grant_budget_line_id === null ? null : Number(group.grant_budget_line_id)
    const unverified = group.unverified === true || Number(group.unverified) === 1
    return {
      heading: budgetLineId === null ? null : (budgetLineById.get(budgetLineId)?.heading ?? null),
      standard: group.standard_code,
      claimedCents: Number(group.claimed),
      admittedCents: unverified ? null : Number(group.admitted),
      lineCount: Number(group.line_count),
    }
  })
  return {
    totals: reportTotals(entries),
    decidedByIds: deciders.map((row) =>
      row.decided_by_id === null ? null : Number(row.decided_by_id)
    ),
    unflaggedUndecided: Number(unflagged[0]?.count ?? 0),
  }
}
