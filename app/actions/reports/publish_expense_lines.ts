import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ExpenseImport from '#models/expense_import'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { editableReport } from '#actions/reports/expense_report_support'
import {
  applyCheck,
  checkReport,
  type LineFacts,
  type ReportCheck,
} from '#actions/reports/refresh_report'
import { stagingTable } from '#actions/reports/expense_line_staging'

/** The columns copied from the staging table into `expense_lines`, in order. */
const copied = [
  'spent_on',
  'supplier',
  'description',
  'grant_budget_line_id',
  'standard_code',
  'currency',
  'amount_cents',
  'exchange_rate_micro',
  'rate_source',
  'claimed_cents',
  'vat',
  'receipt_number',
  'supplier_country',
  'flags_json',
]

/**
 * Publishes the staged lines of an import into `expense_lines`: all of
 * them or none, in one short transaction (ADR 0024). What the checks read
 * is read again inside it; when it is what the staging's check read (same
 * token), that check's flags and total are used, otherwise they are
 * computed again, and a staged line whose flags or claimed amount differ
 * from what was staged is corrected after the copy. The copy is one
 * INSERT … SELECT, done by the database without a row passing through
 * Node, in no particular order: each line's id and position come from its
 * staged row, so no sort is needed (on PostgreSQL it spilled to disk). The
 * import is marked `done` in the same transaction, so a published import
 * is never retried.
 */
export class PublishExpenseLines {
  async handle(
    importId: number,
    reportId: number,
    added: LineFacts[],
    ahead: ReportCheck,
    by: User,
    ip: string,
    source: string
  ) {
    return db.transaction(async (trx) => {
      const { report, grant, budgetLines } = await editableReport(trx, reportId)
      const known = new Set(budgetLines.map((line) => line.id))
      if (
        added.some((line) => line.grantBudgetLineId === null || !known.has(line.grantBudgetLineId))
      ) {
        throw new DomainConflictException('ux.conflicts.the_budget_line_is_not_in_the')
      }
      const staged = added.map((line) => ({ flags: line.flagsJson, claimed: line.claimedCents }))
      const last = await trx
        .from(ExpenseLine.table)
        .where('expense_report_id', report.id)
        .max('position as last_position')
      const position = Number(last[0]?.last_position ?? 0)
      const check = await checkReport(trx, report, grant, budgetLines, added, ahead)
      await applyCheck(trx, report, check)
      const now = DateTime.utc().toFormat(trx.dialect.dateTimeFormat)
      const stampOf = trx.dialect.name === 'postgres' ? 'CAST(? AS timestamptz)' : '?'
      await trx.rawQuery(
        `INSERT INTO expense_lines (id, expense_report_id, position, ${copied.join(', ')},
           created_by_id, created_at, updated_at)
         SELECT line_id, CAST(? AS INTEGER), CAST(? AS INTEGER) + seq + 1, ${copied.join(', ')},
           CAST(? AS INTEGER), ${stampOf}, ${stampOf}
         FROM ${stagingTable} WHERE expense_import_id = ?`,
        [report.id, position, by.id, now, now, importId]
      )
      const [{ n: copiedRows }] = await trx
        .from(ExpenseLine.table)
        .where('expense_report_id', report.id)
        .where('position', '>', position)
        .count('* as n')
      if (Number(copiedRows) !== added.length) {
        throw new DomainConflictException('ux.conflicts.the_staged_lines_of_the_import')
      }
      await correctChanged(trx, added, staged, now)
      const claimedCents = added.reduce((total, line) => total + line.claimedCents, 0)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.lines_added',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: { source, lines: added.length, claimedCents },
        ip,
      })
      await ExpenseImport.query({ client: trx }).where('id', importId).update({
        status: 'done',
        imported_lines: added.length,
        processed_rows: added.length,
        total_rows: added.length,
        updated_at: now,
      })
      return added.length
    })
  }
}

/** Rewrites the copied lines whose flags or claim changed since they were staged (usually none). */
async function correctChanged(
  trx: TransactionClientContract,
  added: LineFacts[],
  staged: { flags: string; claimed: number }[],
  now: string
) {
  const groups = new Map<string, { flags: string; claimed: number; ids: number[] }>()
  added.forEach((line, index) => {
    if (line.flagsJson === staged[index].flags && line.claimedCents === staged[index].claimed) {
      return
    }
    const key = `${line.claimedCents}|${line.flagsJson}`
    const group = groups.get(key) ?? { flags: line.flagsJson, claimed: line.claimedCents, ids: [] }
    group.ids.push(line.id)
    groups.set(key, group)
  })
  for (const group of groups.values()) {
    for (let from = 0; from < group.ids.length; from += 500) {
      await trx
        .from(ExpenseLine.table)
        .whereIn('id', group.ids.slice(from, from + 500))
        .update({ flags_json: group.flags, claimed_cents: group.claimed, updated_at: now })
    }
  }
}
