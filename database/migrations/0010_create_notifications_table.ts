import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * In-app notifications. `dedupe_key` makes reminders idempotent: the same
 * reminder for the same subject reaches a user once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notifications', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
        .index()
      table.string('kind', 60).notNullable().index()
      table.string('dedupe_key', 120).notNullable()
      table.string('subject_type', 60).nullable()
      table.string('subject_id', 60).nullable()
      table.text('params').notNullable()
      table.string('href', 255).nullable()
      table.timestamp('read_at', { useTz: true }).nullable().index()
      table.timestamp('created_at', { useTz: true }).notNullable().index()
      table.unique(['user_id', 'dedupe_key'])
      table.index(['subject_type', 'subject_id'])
    })
  }

  async down() {
    this.schema.dropTable('notifications')
  }
}
