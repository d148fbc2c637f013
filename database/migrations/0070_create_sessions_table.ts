import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side sessions (the @adonisjs/session database store). `user_id`
 * tags a signed-in session, so every session of a person can be ended.
 */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id').primary()
      table.text('data').notNullable()
      table.string('user_id').nullable().index()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
