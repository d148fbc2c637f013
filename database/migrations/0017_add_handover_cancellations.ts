import { BaseSchema } from '@adonisjs/lucid/schema'

const tables = ['handover_commitments', 'handover_transfers', 'handover_other_funding'] as const

/**
 * A commitment, a transfer or another source recorded with a mistake is
 * cancelled, never deleted: who cancelled it, when and why stay on the
 * row, and every figure of the plan leaves it out. The three columns are
 * set together or not at all (a CHECK on PostgreSQL; SQLite cannot add one
 * to an existing table, and the cancel actions set them together).
 *
 * The user column and the drops are plain SQL on purpose: for a foreign
 * key or a dropped column, knex rebuilds a SQLite table (create, copy,
 * drop, rename), and inside the migration's transaction SQLite refuses to
 * drop `handover_commitments` while transfers reference its rows. SQLite
 * adds a column with REFERENCES, and drops it, in place.
 */
export default class extends BaseSchema {
  async up() {
    for (const tableName of tables) {
      this.schema.alterTable(tableName, (table) => {
        table.timestamp('cancelled_at', { useTz: true }).nullable()
        table.string('cancellation_reason', 1000).nullable()
      })
      this.schema.raw(
        `ALTER TABLE ${tableName} ADD COLUMN cancelled_by_id integer NULL` +
          ` CONSTRAINT ${tableName}_cancelled_by_id_foreign REFERENCES users (id) ON DELETE RESTRICT`
      )
      this.schema.alterTable(tableName, (table) => {
        table.index(['cancelled_by_id'])
      })
      if (this.db.dialect.name === 'postgres') {
        this.schema.raw(
          `ALTER TABLE ${tableName} ADD CONSTRAINT ${tableName}_cancellation_complete CHECK (` +
            '(cancelled_at IS NULL AND cancelled_by_id IS NULL AND cancellation_reason IS NULL)' +
            ' OR (cancelled_at IS NOT NULL AND cancelled_by_id IS NOT NULL' +
            ' AND cancellation_reason IS NOT NULL))'
        )
      }
    }
  }

  async down() {
    for (const tableName of [...tables].reverse()) {
      if (this.db.dialect.name === 'postgres') {
        this.schema.raw(
          `ALTER TABLE ${tableName} DROP CONSTRAINT ${tableName}_cancellation_complete`
        )
      }
      this.schema.alterTable(tableName, (table) => {
        table.dropIndex(['cancelled_by_id'])
      })
      for (const column of ['cancellation_reason', 'cancelled_by_id', 'cancelled_at']) {
        this.schema.raw(`ALTER TABLE ${tableName} DROP COLUMN ${column}`)
      }
    }
  }
}
