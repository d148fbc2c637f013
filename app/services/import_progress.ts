import type ExpenseImport from '#models/expense_import'

/**
 * Lines saved so far by the imports saving in this process, by import id.
 * The lines are saved in one transaction; on SQLite that transaction holds
 * the only connection, so the progress of the saving is kept here (and
 * also written to the import, outside the transaction, on PostgreSQL).
 */
const saving = new Map<number, { processedRows: number; totalRows: number }>()

export const ImportProgress = {
  set(importId: number, processedRows: number, totalRows: number) {
    saving.set(importId, { processedRows, totalRows })
  },

  clear(importId: number) {
    saving.delete(importId)
  },

  /** The import with the progress of its saving, when it is saving in this process. */
  of(job: ExpenseImport) {
    const live = saving.get(job.id)
    if (live && job.status === 'running') job.merge(live)
    return job
  },
}
