import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { NarrativeStatus } from '#domain/narrative/narrative_report'
import { narrativeStatuses } from '#domain/narrative/narrative_report'
import type { StatusChange } from '#domain/reports/status_history'
import { statusAsOf } from '#domain/reports/status_history'
import type { ExpenseReportStatus } from '#models/expense_report'
import { expenseReportStatuses } from '#models/expense_report'
import { KOSOVO_ZONE } from '#services/clock'

/** The audit actions that move an expense report, and the status each one leaves. */
const expenseReportMoves: Record<string, ExpenseReportStatus> = {
  'expense_report.submitted': 'submitted',
  'expense_report.verification_started': 'under_verification',
  'expense_report.returned': 'returned',
  'expense_report.approved': 'approved',
}

/** The last instant of a day in Kosovo, as an ISO instant in UTC. */
export function endOfDayInKosovo(date: string) {
  return DateTime.fromISO(date, { zone: KOSOVO_ZONE }).endOf('day').toUTC().toISO()!
}

/** A timestamp column's value as an ISO instant in UTC, from either database. */
export function instant(value: unknown) {
  if (value instanceof Date) return value.toISOString()
  if (value instanceof DateTime) return value.toUTC().toISO()!
  // SQLite gives `YYYY-MM-DD HH:MM:SS(.sss)` in UTC, or an ISO text with an offset.
  const text = String(value)
  const parsed = DateTime.fromISO(text.includes('T') ? text : text.replace(' ', 'T'), {
    zone: 'utc',
  })
  if (!parsed.isValid) throw new RangeError(`Not an instant: ${text}`)
  return parsed.toUTC().toISO()!
}

function count<S extends string>(statuses: readonly S[], found: readonly (S | null)[]) {
  return statuses.map((status) => ({
    status,
    count: found.filter((s) => s === status).length,
  }))
}

function grouped<S extends string>(rows: { id: unknown; status: S; at: unknown }[]) {
  const byReport = new Map<number, StatusChange<S>[]>()
  for (const row of rows) {
    const id = Number(row.id)
    byReport.set(id, [...(byReport.get(id) ?? []), { status: row.status, at: instant(row.at) }])
  }
  return byReport
}

/**
 * Expense reports by the status they had at the end of `asOf` (a day, in
 * Kosovo): from the audit trail's submissions, verifications, returns and
 * approvals (in the order recorded), or, for a report without them (made
 * before or outside the actions, as the demo's), its versions. Reports
 * opened later are left out.
 */
export async function expenseReportsByStatusAsOf(asOf: string) {
  const cutoff = endOfDayInKosovo(asOf)
  const [reports, audited, versions] = await Promise.all([
    db.from('expense_reports').select('id', 'status', 'created_at'),
    db
      .from('audit_events')
      .where('subject_type', 'expense_report')
      .whereIn('action', Object.keys(expenseReportMoves))
      .orderBy('id')
      .select('subject_id as id', 'action', 'created_at as at'),
    db
      .from('expense_report_versions')
      .whereIn('event', ['submitted', 'returned', 'approved'])
      .orderBy('id')
      .select('expense_report_id as id', 'event as status', 'created_at as at'),
  ])
  // The audit trail where it holds the report's moves; its versions for rows made without it.
  const fromAudit = grouped<ExpenseReportStatus>(
    audited.map((row) => ({ id: row.id, status: expenseReportMoves[row.action], at: row.at }))
  )
  const fromVersions = grouped<ExpenseReportStatus>(versions)
  const history = new Map([...fromVersions, ...fromAudit])
  return count(
    expenseReportStatuses,
    reports.map((report) =>
      statusAsOf<ExpenseReportStatus>(
        { createdAt: instant(report.created_at), status: report.status },
        history.get(Number(report.id)) ?? [],
        cutoff,
        'draft'
      )
    )
  )
}

/**
 * Narrative reports by the status they had at the end of `asOf` (a day,
 * in Kosovo): every step is kept as a version (submitted, verified,
 * returned, approved). Reports opened later are left out.
 */
export async function narrativeReportsByStatusAsOf(asOf: string) {
  const cutoff = endOfDayInKosovo(asOf)
  const [reports, versions] = await Promise.all([
    db.from('narrative_reports').select('id', 'status', 'created_at'),
    db
      .from('narrative_report_versions')
      .orderBy('id')
      .select('narrative_report_id as id', 'event as status', 'created_at as at'),
  ])
  const history = grouped<NarrativeStatus>(versions)
  return count(
    narrativeStatuses,
    reports.map((report) =>
      statusAsOf<NarrativeStatus>(
        { createdAt: instant(report.created_at), status: report.status },
        history.get(Number(report.id)) ?? [],
        cutoff,
        'draft'
      )
    )
  )
}
