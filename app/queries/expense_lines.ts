import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type ExpenseLine from '#models/expense_line'
import ExpenseReceipt from '#models/expense_receipt'

/**
 * Sets the receipts of a report's lines with one query on the report,
 * where a preload would bind every line id: an imported report can have
 * 50 000 lines, more than SQLite accepts in one statement.
 */
export async function withReceipts(
  lines: ExpenseLine[],
  reportId: number,
  client?: TransactionClientContract
) {
  const receipts = await ExpenseReceipt.query(client ? { client } : {})
    .whereIn('expense_line_id', (query) =>
      query.from('expense_lines').select('id').where('expense_report_id', reportId)
    )
    .orderBy('id')
  const byLine = new Map<number, ExpenseReceipt[]>()
  for (const receipt of receipts) {
    const list = byLine.get(receipt.expenseLineId)
    if (list) list.push(receipt)
    else byLine.set(receipt.expenseLineId, [receipt])
  }
  for (const line of lines) line.$setRelated('receipts', byLine.get(line.id) ?? [])
  return lines
}
