import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A payment keeps the SHA-256 of the canonical request body that recorded
 * it beside its idempotency key: the same key with the same body replays
 * the payment, the same key with another body is refused (422). Payments
 * recorded before have no hash; their key replays as it did.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('payments', (table) => {
      table.string('request_hash', 64).nullable()
    })
  }

  /** A plain DROP COLUMN: SQLite's table rebuild would trip over the ledger's foreign keys. */
  async down() {
    this.schema.raw('ALTER TABLE payments DROP COLUMN request_hash')
  }
}
