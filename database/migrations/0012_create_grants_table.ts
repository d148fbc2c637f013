import { BaseSchema } from '@adonisjs/lucid/schema'
import { currencyColumn, moneyColumn } from '#database/money_columns'

/**
 * Grants (contracts) created from awards. A sub-grant is a grant with a
 * parent grant. The budget is copied from the full application.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('grants', (table) => {
      table.increments('id')
      table.string('reference', 60).notNullable().unique()
      table
        .integer('application_id')
        .unsigned()
        .nullable()
        .unique()
        .references('applications.id')
        .onDelete('RESTRICT')
      table
        .integer('call_id')
        .unsigned()
        .nullable()
        .references('calls.id')
        .onDelete('RESTRICT')
        .index()
      table
        .integer('grantee_organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
        .index()
      table
        .integer('funder_organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
        .index()
      table
        .integer('parent_grant_id')
        .unsigned()
        .nullable()
        .references('grants.id')
        .onDelete('RESTRICT')
        .index()
      currencyColumn(table)
      moneyColumn(table, 'grants', 'total_eligible_cents')
      moneyColumn(table, 'grants', 'funder_cents')
      moneyColumn(table, 'grants', 'cofinancing_cents')
      table.check(
        'funder_cents + cofinancing_cents = total_eligible_cents',
        {},
        'grants_cofinancing_check'
      )
      table
        .string('payment_option', 16)
        .notNullable()
        .checkIn(['option_1', 'option_2'], 'grants_payment_option_check')
      table.integer('prefinancing_cap_bp').notNullable().defaultTo(9000)
      table.date('starts_on').notNullable()
      table.date('ends_on').notNullable()
      table.check('ends_on >= starts_on', {}, 'grants_period_check')
      table.integer('reporting_period_months').notNullable().defaultTo(12)
      table.string('status', 32).notNullable().defaultTo('draft').index()
      table.integer('grantee_signed_by_id').unsigned().nullable().references('users.id').index()
      table.timestamp('grantee_signed_at', { useTz: true }).nullable()
      table.integer('funder_signed_by_id').unsigned().nullable().references('users.id').index()
      table.timestamp('funder_signed_at', { useTz: true }).nullable()
      table.integer('created_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('grant_budget_lines', (table) => {
      table.increments('id')
      table
        .integer('grant_id')
        .unsigned()
        .notNullable()
        .references('grants.id')
        .onDelete('CASCADE')
        .index()
      table.integer('version').notNullable().defaultTo(1)
      table.integer('position').notNullable()
      table.string('heading', 32).notNullable().index()
      table.string('label', 255).notNullable()
      table.string('unit', 40).notNullable()
      table.integer('quantity_hundredths').notNullable()
      moneyColumn(table, 'grant_budget_lines', 'unit_cost_cents')
      moneyColumn(table, 'grant_budget_lines', 'total_cents')
      table.string('third_party', 160).nullable()
      table.index(['grant_id', 'version'])
    })
  }

  async down() {
    this.schema.dropTable('grant_budget_lines')
    this.schema.dropTable('grants')
  }
}
