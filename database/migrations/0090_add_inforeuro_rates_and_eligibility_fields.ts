import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Expense eligibility (DOMAIN-RULES §6):
 * - `inforeuro_rates`: the InforEuro table, one rate per currency and month,
 *   as integer micro-units of the currency per 1 EUR (never a float);
 * - `expense_lines.supplier_country`: ISO 3166 alpha-2 (XK for Kosovo,
 *   the default), for the Kosovo VAT exemption;
 * - `grant_budget_lines.late_costs_accepted`: the verifier accepts final
 *   audit, evaluation and report costs dated after the implementation
 *   period on this budget line.
 *
 * `expense_lines.late_cost_allowed` (the box the grantee used to tick) is
 * no longer read or written by the application. It stays in the table as
 * history: dropping a column on SQLite rebuilds the table, and
 * `expense_receipts` references `expense_lines`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('inforeuro_rates', (table) => {
      table.increments('id')
      table.string('currency', 3).notNullable()
      table.string('month', 7).notNullable()
      table.bigInteger('rate_micro').notNullable()
      table.check('rate_micro > 0', {}, 'inforeuro_rates_rate_positive')
      table
        .integer('imported_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['currency', 'month'])
      table.index(['month'])
    })
    this.schema.alterTable('expense_lines', (table) => {
      table.string('supplier_country', 2).notNullable().defaultTo('XK')
    })
    this.schema.alterTable('grant_budget_lines', (table) => {
      table.boolean('late_costs_accepted').notNullable().defaultTo(false)
    })
  }

  /** Plain DROP COLUMNs: SQLite's table rebuild would trip over the foreign keys to these tables. */
  async down() {
    this.schema.raw('ALTER TABLE grant_budget_lines DROP COLUMN late_costs_accepted')
    this.schema.raw('ALTER TABLE expense_lines DROP COLUMN supplier_country')
    this.schema.dropTable('inforeuro_rates')
  }
}
