import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  editableReport,
  assertBudgetLine,
  lineAttributes,
} from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'
import type { LineInput } from '#actions/reports/expense_report_support'

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
export const importChunkRows = 500

/**
 * Saves the lines of an import: all or none, in one transaction, inserted
 * in chunks of multi-row INSERTs (one statement per 500 lines rather than
 * one per line), then the report is refreshed once and the import audited.
 */
export class ImportExpenseLines {
  async handle(
    reportId: number,
    inputs: LineInput[],
    by: User,
    ip: string,
    source: string,
    onProgress?: (saved: number, total: number) => Promise<void> | void
  ) {
    return db.transaction(async (trx) => {
      const { report, grant, budgetLines } = await editableReport(trx, reportId)
      for (const input of inputs) assertBudgetLine(budgetLines, input.budgetLineId)
      const last = await ExpenseLine.query({ client: trx })
        .where('expense_report_id', report.id)
        .max('position as last_position')
      let position = Number(last[0]?.$extras.last_position ?? 0)
      const now = DateTime.utc()
      let claimedCents = 0
      for (let from = 0; from < inputs.length; from += importChunkRows) {
        const rows = inputs.slice(from, from + importChunkRows).map((input) => {
          const line = new ExpenseLine().merge({
            expenseReportId: report.id,
            position: ++position,
            ...lineAttributes(input),
            flags: [],
            createdById: by.id,
            createdAt: now,
            updatedAt: now,
          })
          claimedCents += line.claimedCents
          return columnsOf(line)
        })
        await trx.insertQuery().table(ExpenseLine.table).multiInsert(rows)
        await onProgress?.(Math.min(from + importChunkRows, inputs.length), inputs.length)
      }
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.lines_added',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: { source, lines: inputs.length, claimedCents },
        ip,
      })
      return inputs.length
    })
  }
}

/** The line's attributes under their column names, prepared as Lucid prepares them for an INSERT. */
function columnsOf(line: ExpenseLine) {
  const row: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(line.$attributes)) {
    const column = ExpenseLine.$getColumn(key)
    if (!column) continue
    row[column.columnName] = column.prepare ? column.prepare(value, key, line) : value
  }
  return row
}
