import type { DateTime } from 'luxon'

/**
 * Lucid's query builder formats a luxon DateTime for the connection's
 * dialect at run time (timestamptz on PostgreSQL, text on SQLite); its
 * type declarations only lack that overload.
 */
export function instant(value: DateTime) {
  return value as unknown as string
}
