import type ExpenseImport from '#models/expense_import'

/**
 * Lines staged so far by the imports saving in this process, by import id.
 * The staged count is also written to the import (at most every 250 ms, a
 * short write of its own, ADR 0024) so every instance sees it; this copy
 * lets the page and the API of this process show the latest count at once.
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
