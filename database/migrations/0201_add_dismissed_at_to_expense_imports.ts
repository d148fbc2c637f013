import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A refused import can be dismissed from the report page once read
 * (`dismissed_at`); the row and its errors stay for the record.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('expense_imports', (table) => {
      table.timestamp('dismissed_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.raw('ALTER TABLE expense_imports DROP COLUMN dismissed_at')
  }
}
