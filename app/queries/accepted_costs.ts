import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading } from '#domain/budget/budget'
import type { AdmittedLine } from '#domain/grants/accepted_costs'
import { acceptedCosts, acceptedInReport } from '#domain/grants/accepted_costs'
import ContingencyRelease from '#models/contingency_release'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'

/**
 * The admitted amounts of a grant's approved expense reports, summed in SQL
 * by period and heading (the heading of the budget line each expense line
 * names, null when none), in period order, and Σ approved contingency
 * releases: the inputs of the accepted costs (DOMAIN-RULES §3). The rules
 * only add amounts per heading, and the columns are non-negative by check
 * constraint, so a sum per (period, heading) gives the same figures as the
 * lines one by one, in a query whose answer grows with the periods, not with
 * the lines.
 */
async function admittedLinesOf(grantId: number, client?: QueryClientContract) {
  const sql = client ?? db
  const approvedReports = sql
    .from('expense_reports')
    .where('grant_id', grantId)
    .where('status', 'approved')
    .select('id')
  /* Per report and budget line first: read from a covering index (migration 0270). */
  const perBudgetLine = sql
    .from('expense_lines')
    .whereIn('expense_report_id', approvedReports)
    .groupBy('expense_report_id', 'grant_budget_line_id')
    .select('expense_report_id', 'grant_budget_line_id')
    .sum('admitted_cents as admitted')
    .as('s')
  const rows: { period_number: number | string; heading: string | null; admitted: unknown }[] =
    await sql
      .from(perBudgetLine)
      .join('expense_reports', 'expense_reports.id', 's.expense_report_id')
      .leftJoin('grant_budget_lines', 'grant_budget_lines.id', 's.grant_budget_line_id')
      .groupBy('expense_reports.period_number', 'grant_budget_lines.heading')
      .orderBy('expense_reports.period_number')
      .orderBy('grant_budget_lines.heading')
      .select(
        'expense_reports.period_number as period_number',
        'grant_budget_lines.heading as heading'
      )
      .sum('s.admitted as admitted')
  return rows.map((row) => ({
    periodNumber: Number(row.period_number),
    heading: (row.heading ?? null) as BudgetHeading | null,
    admittedCents: row.admitted === null ? null : Number(row.admitted),
  }))
}

/** The cap on accepted indirect costs the grant's contract carries (basis points of accepted D). */
async function indirectCapOf(grantId: number, client?: QueryClientContract) {
  const grant = await Grant.query({ client }).where('id', grantId).select('indirect_cap_bp').first()
  return grant?.indirectCapBp ?? undefined
}

/** The grant's accepted costs over every approved report. */
export async function acceptedCostsOfGrant(grantId: number, client?: QueryClientContract) {
  const lines = await admittedLinesOf(grantId, client)
  const released = await ContingencyRelease.approvedCents(grantId, client)
  return acceptedCosts(lines, released, await indirectCapOf(grantId, client))
}

/**
 * One report's accepted costs: the cumulative accepted costs through its
 * period minus those before it. A report not approved yet is counted as if
 * it were approved now, with the admitted amounts set so far. Headings come
 * from the budget line each expense line names, whatever its version.
 */
export async function acceptedCostsOfReport(
  report: { grantId: number; periodNumber: number },
  lines: readonly { grantBudgetLineId: number | null; admittedCents: number | null }[],
  client?: QueryClientContract
) {
  const approved = await admittedLinesOf(report.grantId, client)
  const ids = [
    ...new Set(lines.map((l) => l.grantBudgetLineId).filter((id): id is number => id !== null)),
  ]
  const budgetLines =
    ids.length === 0
      ? []
      : await GrantBudgetLine.query({ client }).whereIn('id', ids).select('id', 'heading')
  const headingOf = new Map(budgetLines.map((line) => [line.id, line.heading]))
  const before: AdmittedLine[] = approved.filter((l) => l.periodNumber < report.periodNumber)
  const own: AdmittedLine[] = lines.map((line) => ({
    heading:
      line.grantBudgetLineId === null ? null : (headingOf.get(line.grantBudgetLineId) ?? null),
    admittedCents: line.admittedCents,
  }))
  const released = await ContingencyRelease.approvedCents(report.grantId, client)
  return acceptedInReport(before, own, released, await indirectCapOf(report.grantId, client))
}
