import vine from '@vinejs/vine'
import { taskKinds, type TaskFilters } from '#domain/tasks'
import { isoDate } from '#validators/dates'

/** The task inbox's filters, read from the query string (empty fields are left out). */
export const taskFiltersValidator = vine.create({
  kind: vine.enum(taskKinds).optional(),
  due: isoDate().optional(),
  overdue: vine.enum(['yes', 'no'] as const).optional(),
})

/** The query string without empty fields (an empty select sends ""). */
export function cleanQuery(qs: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(qs).filter(([, value]) => value !== '' && value !== null)
  )
}

export function toFilters(input: {
  kind?: TaskFilters['kind']
  due?: string
  overdue?: 'yes' | 'no'
}) {
  const filters: TaskFilters = {}
  if (input.kind) filters.kind = input.kind
  if (input.due) filters.dueBy = input.due
  if (input.overdue) filters.overdue = input.overdue === 'yes'
  return filters
}
