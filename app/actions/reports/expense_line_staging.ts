import { setImmediate as nextTurn } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'

/** Where an import's lines wait until they are published (ADR 0024). */
export const stagingTable = 'expense_import_lines'

/**
 * Staged rows per statement: 17 000 bound values on SQLite (under its limit
 * of 32 766), 17 arrays on PostgreSQL (ADR 0032).
 */
export const stagingChunkRows = 1_000

/**
 * Reserves `count` ids of `expense_lines` for an import, in one short
 * transaction, so the staged lines carry their final ids. On PostgreSQL
 * they are taken from the table's sequence; on SQLite the AUTOINCREMENT
 * sequence is moved past them (SQLite never hands out an id at or below
 * it). An import that never publishes leaves a gap in the ids, nothing else.
 */
export async function reserveLineIds(count: number): Promise<number[]> {
  if (count === 0) return []
  return db.transaction(async (trx) => {
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
    await trx.rawQuery(
      rows.length > 0
        ? `UPDATE sqlite_sequence SET seq = ? WHERE name = 'expense_lines'`
        : `INSERT INTO sqlite_sequence (seq, name) VALUES (?, 'expense_lines')`,
      [last + count]
    )
    return Array.from({ length: count }, (_, index) => last + index + 1)
  })
}

/**
 * Deletes the staged rows of an import, a chunk per statement with a turn
 * of the event loop between them, so other writers get the lock.
 */
export async function clearStaging(importId: number) {
  for (;;) {
    const chunk = await db
      .from(stagingTable)
      .where('expense_import_id', importId)
      .orderBy('seq')
      .limit(stagingChunkRows * 4)
      .select('seq')
    if (chunk.length === 0) return
    const last = Number(chunk[chunk.length - 1].seq)
    await db
      .from(stagingTable)
      .where('expense_import_id', importId)
      .where('seq', '<=', last)
      .delete()
    await nextTurn()
  }
}

/**
 * Clears what imports that are no longer running left staged (a process
 * that stopped while staging or right after publishing). Returns the
 * number of imports cleared.
 */
export async function sweepStaging(skip: (importId: number) => boolean = () => false) {
  const rows = await db
    .from(stagingTable)
    .join('expense_imports', 'expense_imports.id', `${stagingTable}.expense_import_id`)
    .whereNotIn('expense_imports.status', ['running', 'queued'])
    .distinct(`${stagingTable}.expense_import_id as id`)
  const ids = rows.map((row) => Number(row.id)).filter((id) => !skip(id))
  for (const id of ids) await clearStaging(id)
  return ids.length
}
