import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * EU visibility on the documents of a grant. Every PDF carries "Funded by
 * the European Union" with the emblem, unless the funder's grant manager
 * marked the grant's documents confidential because they would reveal a
 * shelter (the reason is kept on the grant and in the audit trail).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('grants', (table) => {
      table.boolean('documents_confidential').notNullable().defaultTo(false)
      table.string('documents_confidential_reason', 500).nullable()
    })
  }

  /** Plain DROP COLUMNs: SQLite's table rebuild would trip over the foreign keys to grants. */
  async down() {
    for (const column of ['documents_confidential_reason', 'documents_confidential']) {
      this.schema.raw(`ALTER TABLE grants DROP COLUMN ${column}`)
    }
  }
}
