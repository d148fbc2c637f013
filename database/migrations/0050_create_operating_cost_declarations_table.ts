import { BaseSchema } from '@adonisjs/lucid/schema'
import { currencyColumn, moneyColumn } from '#database/money_columns'

/**
 * The shelter's total operating cost from all sources (DOMAIN-RULES §10),
 * declared by the grantee with an expense report and verified by the
 * verifier: one row per report. The handover plan reads the verified
 * figure of approved reports as the basis of the need "from reports".
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('operating_cost_declarations', (table) => {
      table.increments('id')
      table
        .integer('expense_report_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('expense_reports.id')
        .onDelete('CASCADE')
      currencyColumn(table)
      moneyColumn(table, 'operating_cost_declarations', 'declared_cents')
      table.text('declaration_note').nullable()
      table
        .integer('declared_by_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.timestamp('declared_at', { useTz: true }).notNullable()
      moneyColumn(table, 'operating_cost_declarations', 'verified_cents', { nullable: true })
      table.text('verification_note').nullable()
      table
        .integer('verified_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.timestamp('verified_at', { useTz: true }).nullable()
      table.check(
        '(verified_cents IS NULL) = (verified_by_id IS NULL)',
        {},
        'operating_cost_declarations_verified_by'
      )
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.dropTable('operating_cost_declarations')
  }
}
