import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The audit chain becomes keyed (HMAC-SHA256, ADR 0012). Existing rows keep
 * their unkeyed SHA-256 hashes and are marked chain_version 1; the service
 * writes every new row as version 2. Nothing is re-chained, so the triggers
 * stay in force and hashes noted before the change remain valid.
 *
 * PostgreSQL also refuses TRUNCATE, which the row triggers of 0006 do not
 * see. On SQLite a truncation is a DELETE, which 0006 already refuses.
 */
export default class extends BaseSchema {
  protected tableName = 'audit_events'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.smallint('chain_version').notNullable().defaultTo(1)
    })

    if (this.db.dialect.name === 'postgres') {
      this.defer(async (db) => {
        await db.rawQuery(`
          ALTER TABLE audit_events ADD CONSTRAINT audit_events_chain_version_known
          CHECK (chain_version IN (1, 2))`)
        await db.rawQuery(`
          CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
          FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`)
      })
    }
  }

  async down() {
    this.defer(async (db) => {
      if (this.db.dialect.name === 'postgres') {
        await db.rawQuery('DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events')
        await db.rawQuery(
          'ALTER TABLE audit_events DROP CONSTRAINT IF EXISTS audit_events_chain_version_known'
        )
      }
      await db.rawQuery('ALTER TABLE audit_events DROP COLUMN chain_version')
    })
  }
}
