import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Append-only audit trail. Each row carries the SHA-256 hash of its content
 * chained to the previous row's hash; triggers refuse UPDATE and DELETE.
 */
export default class extends BaseSchema {
  protected tableName = 'audit_events'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table
        .integer('actor_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('RESTRICT')
        .index()
      table
        .integer('organisation_id')
        .unsigned()
        .nullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
        .index()
      table.string('action', 80).notNullable().index()
      table.string('subject_type', 60).nullable()
      table.string('subject_id', 60).nullable()
      table.text('before_json').nullable()
      table.text('after_json').nullable()
      table.string('ip', 45).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().index()
      table.string('prev_hash', 64).notNullable()
      table.string('hash', 64).notNullable().unique()
      table.index(['subject_type', 'subject_id'])
    })

    this.defer(async (db) => {
      if (this.db.dialect.name === 'postgres') {
        await db.rawQuery(`
          CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
          BEGIN
            RAISE EXCEPTION 'audit_events is append-only';
          END;
          $$ LANGUAGE plpgsql`)
        await db.rawQuery(`
          CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
          FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`)
      } else {
        await db.rawQuery(`
          CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
          BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`)
        await db.rawQuery(`
          CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
          BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`)
      }
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
    if (this.db.dialect.name === 'postgres') {
      this.defer(async (db) => {
        await db.rawQuery('DROP FUNCTION IF EXISTS audit_events_append_only()')
      })
    }
  }
}
