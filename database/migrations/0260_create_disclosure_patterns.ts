import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Suppression patterns computed when statistics change (ADR 0025): the
 * least suppression of a grant's series, or the roll-ups an outsider sees,
 * keyed by a SHA-256 of the method, the publication minimum and the data.
 * A new version of the data is a new key; a view only reads.
 */
export default class extends BaseSchema {
  protected tableName = 'disclosure_patterns'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('pattern_key', 64).primary()
      table.text('pattern').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
