import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * An instant as the connection stores it (timestamptz text on PostgreSQL,
 * `yyyy-MM-dd HH:mm:ss` in UTC on SQLite), for comparisons in queries.
 */
export function instant(value: DateTime, connection?: string) {
  return value.toUTC().toFormat(db.connection(connection).dialect.dateTimeFormat)
}
