import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Autosaved drafts of long forms (ADR 0021): what a person typed, saved
 * every few seconds, keyed by the person, the form and the object it edits
 * ("new" for a form that creates one). Read and written only by its author;
 * cleared when the form is sent.
 */
export default class extends BaseSchema {
  protected tableName = 'form_drafts'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('form', 40).notNullable()
      table.string('object_key', 40).notNullable()
      table.text('fields').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['user_id', 'form', 'object_key'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
