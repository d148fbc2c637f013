import { setImmediate as nextTurn } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import { claimedEurCents } from '#domain/reports/exchange'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import type GrantBudgetLine from '#models/grant_budget_line'
import { assertEditable, type LineInput } from '#actions/reports/expense_report_support'
import { checkReport, type LineFacts, type ReportCheck } from '#actions/reports/refresh_report'
import {
  clearStaging,
  reserveLineIds,
  stagingChunkRows,
  stagingTable,
} from '#actions/reports/expense_line_staging'
import { currentBudgetLines } from '#queries/grant_finances'

/** Every budget line of the import must be in the grant's current budget. */
export function assertKnownBudgetLines(
  inputs: readonly LineInput[],
  budgetLines: readonly GrantBudgetLine[]
) {
  const known = new Set(budgetLines.map((line) => line.id))
  for (const input of inputs) {
    if (!known.has(input.budgetLineId)) {
      throw new DomainConflictException('ux.conflicts.the_budget_line_is_not_in_the')
    }
  }
}

/**
 * Writes the lines of an import into the staging table, not yet into
 * `expense_lines` (ADR 0024). Their ids are reserved first, and their
 * eligibility flags and claimed amounts computed ahead with the stored
 * lines (read only, no transaction), so that publishing usually copies
 * them as they are. Each chunk is one short INSERT (a few ms of SQLite's
 * writer) followed by a turn of the event loop, so other requests write
 * between chunks; `onProgress` gets the rows staged so far.
 *
 * Returns the lines as the checks saw them and the check, for the
 * publishing step.
 */
export class StageExpenseLines {
  async handle(
    importId: number,
    reportId: number,
    inputs: LineInput[],
    onProgress?: (staged: number, total: number) => Promise<void> | void
  ): Promise<{ added: LineFacts[]; check: ReportCheck }> {
    const report = await ExpenseReport.findOrFail(reportId)
    assertEditable(report)
    const grant = await Grant.findOrFail(report.grantId)
    const budgetLines = await currentBudgetLines(grant)
    assertKnownBudgetLines(inputs, budgetLines)
    await clearStaging(importId)
    const ids = await reserveLineIds(inputs.length)
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
    const check = await checkReport(db.connection(), report, grant, budgetLines, added)
    for (let from = 0; from < inputs.length; from += stagingChunkRows) {
      const rows = inputs.slice(from, from + stagingChunkRows).map((input, offset) => {
        const seq = from + offset
        const facts = added[seq]
        return {
          expense_import_id: importId,
          seq,
          line_id: facts.id,
          spent_on: input.spentOn,
          supplier: input.supplier,
          description: input.description,
          grant_budget_line_id: input.budgetLineId,
          standard_code: input.standard,
          currency: input.currency,
          amount_cents: input.amountCents,
          exchange_rate_micro: facts.exchangeRateMicro,
          rate_source: input.currency !== 'EUR' ? input.rateSource : null,
          claimed_cents: facts.claimedCents,
          vat: input.vat,
          receipt_number: input.receiptNumber,
          supplier_country: input.supplierCountry,
          flags_json: facts.flagsJson,
        }
      })
      await insertRows(rows)
      await onProgress?.(from + rows.length, inputs.length)
      await nextTurn()
    }
    return { added, check }
  }
}

/** PostgreSQL's type of each staged column, for the arrays of `unnest`. */
const pgTypes: Record<string, string> = {
  expense_import_id: 'integer',
  seq: 'integer',
  line_id: 'bigint',
  spent_on: 'date',
  supplier: 'text',
  description: 'text',
  grant_budget_line_id: 'integer',
  standard_code: 'text',
  currency: 'text',
  amount_cents: 'bigint',
  exchange_rate_micro: 'bigint',
  rate_source: 'text',
  claimed_cents: 'bigint',
  vat: 'text',
  receipt_number: 'text',
  supplier_country: 'text',
  flags_json: 'text',
}

/**
 * Writes one chunk of staged rows in one statement, built directly (the
 * query builder compiles a multi-row insert on SQLite as a compound SELECT
 * of at most 500 terms and costs more to build than the statement takes).
 *
 * On PostgreSQL the chunk is one array per column, `INSERT … SELECT FROM
 * unnest(…)`: 17 parameters whatever the number of rows, where a multi-row
 * VALUES had 17 per row for the server to parse and bind (ADR 0032). On
 * SQLite, which has no arrays, it is a multi-row `INSERT … VALUES`.
 */
async function insertRows(rows: Record<string, unknown>[]) {
  const columns = Object.keys(rows[0])
  if (db.connection().dialect.name === 'postgres') {
    await db.rawQuery(
      `INSERT INTO ${stagingTable} (${columns.join(', ')})
       SELECT * FROM unnest(${columns.map((column) => `?::${pgTypes[column]}[]`).join(', ')})`,
      columns.map((column) => rows.map((row) => row[column] ?? null)) as unknown as string[][]
    )
    return
  }
  const tuple = `(${columns.map(() => '?').join(', ')})`
  await db.rawQuery(
    `INSERT INTO ${stagingTable} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
    rows.flatMap((row) => columns.map((column) => row[column] ?? null))
  )
}
