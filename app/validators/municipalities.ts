import type { Database } from '@adonisjs/lucid/database'
import type { FieldContext } from '@vinejs/vine/types'
import { todayInKosovo } from '#services/clock'

/**
 * For `.exists(…)`: a municipality of the reference data that is offered
 * for new records today (not retired), or the one the record being edited
 * already names (`meta.keptMunicipality`), retired since or not.
 */
export async function offeredMunicipality(db: Database, value: unknown, field: FieldContext) {
  if (typeof value !== 'string') return false
  if (field.meta?.keptMunicipality === value) return true
  const row: unknown = await db
    .from('municipalities')
    .where('code', value)
    .where((q) => q.whereNull('retired_on').orWhere('retired_on', '>', todayInKosovo()))
    .first()
  return Boolean(row)
}
