import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * TOTP two-factor sign-in: the secret (encrypted with APP_KEY), when it was
 * switched on, the last time step used (a code works once), and single-use
 * recovery codes stored as SHA-256 hashes.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.text('two_factor_secret').nullable()
      table.timestamp('two_factor_enabled_at', { useTz: true }).nullable()
      table.bigInteger('two_factor_last_step').nullable()
    })
    this.schema.createTable('two_factor_recovery_codes', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
        .index()
      table.string('code_hash', 64).notNullable().unique()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('two_factor_recovery_codes')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('two_factor_last_step')
      table.dropColumn('two_factor_enabled_at')
      table.dropColumn('two_factor_secret')
    })
  }
}
