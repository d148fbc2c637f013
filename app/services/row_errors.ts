import { errors } from '@vinejs/vine'

/**
 * Repeated form rows (budget lines, logframe, co-financing) are validated
 * after blank rows are dropped, so an error on `lines.1.quantity` may be
 * about the third row of the form. These helpers put the error back on the
 * row the person typed in and name it: "Row 3: …".
 */
export function keptRowIndexes(
  body: Record<string, unknown>,
  cleaned: Record<string, unknown>,
  group: string
) {
  const original = body[group]
  const kept = cleaned[group]
  if (!Array.isArray(original) || !Array.isArray(kept)) return []
  return kept.map((row) => original.indexOf(row))
}

export function numberRowErrors(
  error: unknown,
  maps: Record<string, number[]>,
  t: (key: string, data: Record<string, unknown>) => string
) {
  if (!(error instanceof errors.E_VALIDATION_ERROR)) return error
  const messages = error.messages as { field: string; message: string }[]
  for (const entry of messages) {
    const match = /^(\w+)\.(\d+)(\..+)?$/.exec(entry.field)
    if (!match || !maps[match[1]]) continue
    const index = maps[match[1]][Number(match[2])] ?? Number(match[2])
    entry.field = `${match[1]}.${index}${match[3] ?? ''}`
    entry.message = t('evaluation.budget.row_error', { row: index + 1, message: entry.message })
  }
  return error
}
