import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Staging for expense imports (ADR 0024): the lines of an import are
 * written here in short chunks while it runs (progress = staged rows), then
 * copied into `expense_lines` by one short transaction. Rows of an import
 * that failed or was interrupted are deleted by the import or the sweeper;
 * nothing here is ever read as an expense line.
 *
 * `line_id` is the id the line will have in `expense_lines`, reserved when
 * staging starts, so the eligibility flags (which name duplicates by id)
 * can be computed before publishing.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('expense_import_lines', (table) => {
      table
        .integer('expense_import_id')
        .unsigned()
        .notNullable()
        .references('expense_imports.id')
        .onDelete('CASCADE')
      table.integer('seq').notNullable()
      table.primary(['expense_import_id', 'seq'])
      table.bigInteger('line_id').notNullable()
      table.date('spent_on').notNullable()
      table.string('supplier', 255).notNullable()
      table.text('description').notNullable()
      table.integer('grant_budget_line_id').unsigned().notNullable()
      table.string('standard_code', 24).notNullable()
      table.string('currency', 3).notNullable()
      table.bigInteger('amount_cents').notNullable()
      table.bigInteger('exchange_rate_micro').nullable()
      table.string('rate_source', 160).nullable()
      table.bigInteger('claimed_cents').notNullable()
      table.string('vat', 32).notNullable()
      table.string('receipt_number', 80).nullable()
      table.string('supplier_country', 2).notNullable()
      table.text('flags_json').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('expense_import_lines')
  }
}
