import { BaseSchema } from '@adonisjs/lucid/schema'

/** Single-use links for password resets and invitations (only a hash is stored). */
export default class extends BaseSchema {
  protected tableName = 'password_tokens'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
        .index()
      table
        .string('purpose', 16)
        .notNullable()
        .checkIn(['reset', 'invitation'], 'password_tokens_purpose_check')
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
