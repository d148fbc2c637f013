import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * NGO self-registration. A registered organisation is `pending` until a
 * grant manager of the funder verifies it (`verified_at`); when sent back,
 * `verification_note` holds the reason. Who verified is in the audit trail.
 * A registrant confirms their email address (`email_confirmed_at`) before
 * their account is active.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.timestamp('verified_at', { useTz: true }).nullable()
      table.text('verification_note').nullable()
    })
    this.schema.alterTable('users', (table) => {
      table.timestamp('email_confirmed_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.raw('ALTER TABLE organisations DROP COLUMN verification_note')
    this.schema.raw('ALTER TABLE organisations DROP COLUMN verified_at')
    this.schema.raw('ALTER TABLE users DROP COLUMN email_confirmed_at')
  }
}
