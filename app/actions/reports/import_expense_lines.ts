import { DateTime } from 'luxon'
import { setImmediate as nextTurn } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { claimedEurCents } from '#domain/reports/exchange'
import { editableReport } from '#actions/reports/expense_report_support'
import { refreshReport, type LineFacts } from '#actions/reports/refresh_report'
import type { LineInput } from '#actions/reports/expense_report_support'
import DomainConflictException from '#exceptions/domain_conflict_exception'

/**
 * Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER
 * (32 766 since 3.32) and PostgreSQL's protocol limit (65 535), with a margin.
 */
const maxBoundParameters: Record<string, number> = { sqlite: 32_000, postgres: 65_000 }

/** Rows per INSERT for rows of `columns` columns on this connection (at most 2 000). */
export function importChunkRows(trx: TransactionClientContract, columns: number) {
  const limit = maxBoundParameters[trx.dialect.name] ?? 999
  return Math.max(1, Math.min(2_000, Math.floor(limit / columns)))
}

/**
 * Saves the lines of an import: all or none, in one transaction, inserted
 * with multi-row INSERTs as wide as the database's parameter limit allows.
 * The rows are written as plain column values (no model per line). Their
 * ids are taken first, so that the eligibility flags (which name duplicate
 * lines by id) and the report's total are computed once, with the stored
 * lines, and every new line is inserted final: no UPDATE of 50 000 rows
 * afterwards. The import is audited. Between two INSERTs the event loop
 * takes a turn, so other requests are served meanwhile.
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
      const known = new Set(budgetLines.map((line) => line.id))
      for (const input of inputs) {
        if (!known.has(input.budgetLineId)) {
          throw new DomainConflictException('ux.conflicts.the_budget_line_is_not_in_the')
        }
      }
      const last = await trx
        .from(ExpenseLine.table)
        .where('expense_report_id', report.id)
        .max('position as last_position')
      const position = Number(last[0]?.last_position ?? 0)
      const now = DateTime.utc().toFormat(trx.dialect.dateTimeFormat)
      const ids = await newLineIds(trx, inputs.length)
      const added: LineFacts[] = inputs.map((input, index) => {
        const foreign = input.currency !== 'EUR'
        return {
          id: ids[index],
          spentOn: input.spentOn,
          supplier: input.supplier,
          receiptNumber: input.receiptNumber,
          hasReceipt: false,
          vat: input.vat,
          grantBudgetLineId: input.budgetLineId,
          currency: input.currency,
          amountCents: input.amountCents,
          exchangeRateMicro: foreign ? input.rateMicro : null,
          // Provisional: refreshReport converts at the InforEuro rate of the month.
          claimedCents: claimedEurCents({ ...input, inforEuroRateMicro: null }),
          admittedCents: null,
          supplierCountry: input.supplierCountry,
          flagsJson: '[]',
        }
      })
      // Flags and totals once, with the stored lines, before the new lines are written final.
      await refreshReport(trx, report, grant, budgetLines, added)
      let claimedCents = 0
      const rowOf = (input: LineInput, index: number) => {
        const facts = added[index]
        const foreign = input.currency !== 'EUR'
        claimedCents += facts.claimedCents
        return {
          id: facts.id,
          expense_report_id: report.id,
          position: position + index + 1,
          spent_on: input.spentOn,
          supplier: input.supplier,
          description: input.description,
          grant_budget_line_id: input.budgetLineId,
          standard_code: input.standard,
          currency: input.currency,
          amount_cents: input.amountCents,
          exchange_rate_micro: facts.exchangeRateMicro,
          rate_source: foreign ? input.rateSource : null,
          claimed_cents: facts.claimedCents,
          vat: input.vat,
          receipt_number: input.receiptNumber,
          supplier_country: input.supplierCountry,
          flags_json: facts.flagsJson,
          admitted_cents: null,
          admission_reason: null,
          decided_by_id: null,
          decided_at: null,
          created_by_id: by.id,
          created_at: now,
          updated_at: now,
        }
      }
      const chunk = importChunkRows(trx, 24)
      for (let from = 0; from < inputs.length; from += chunk) {
        const rows = inputs
          .slice(from, from + chunk)
          .map((input, offset) => rowOf(input, from + offset))
        await trx.insertQuery().table(ExpenseLine.table).multiInsert(rows)
        await onProgress?.(Math.min(from + chunk, inputs.length), inputs.length)
        await nextTurn()
      }
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

/**
 * Ids for `count` new expense lines, taken before they are inserted. On
 * PostgreSQL from the table's sequence; on SQLite after the largest id the
 * table has had (AUTOINCREMENT), which this transaction holds the write
 * lock on (an explicit id above it moves the sequence on).
 */
async function newLineIds(trx: TransactionClientContract, count: number) {
  if (count === 0) return []
  if (trx.dialect.name === 'postgres') {
    const result = await trx.rawQuery(
      `SELECT nextval(pg_get_serial_sequence('expense_lines', 'id')) AS id FROM generate_series(1, ?)`,
      [count]
    )
    return (result.rows as { id: string | number }[]).map((row) => Number(row.id))
  }
  const [largest] = await trx.from(ExpenseLine.table).max('id as id')
  const sequence = await trx.rawQuery(
    `SELECT seq FROM sqlite_sequence WHERE name = 'expense_lines'`
  )
  const rows = Array.isArray(sequence) ? (sequence as { seq: number }[]) : []
  const last = Math.max(Number(largest?.id ?? 0), Number(rows[0]?.seq ?? 0))
  return Array.from({ length: count }, (_, index) => last + index + 1)
}
