import { BaseSchema } from '@adonisjs/lucid/schema'
import type { Knex } from 'knex'
import { currencyColumn, moneyColumn } from '#database/money_columns'

function userColumn(table: Knex.CreateTableBuilder, name: string, nullable = true) {
  const column = table.integer(name).unsigned().references('users.id').onDelete('RESTRICT')
  if (nullable) column.nullable()
  else column.notNullable()
  column.index()
}

function grantColumn(table: Knex.CreateTableBuilder, name = 'grant_id') {
  table.integer(name).unsigned().notNullable().references('grants.id').onDelete('RESTRICT').index()
}

/**
 * The money side of grants: expense reports (their totals; lines come with
 * the expense-report feature), payment requests with their four-eyes path,
 * payments recorded exactly once, recovery orders, the one ledger of every
 * money movement, FSTP exceptions and budget changes.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('grants', (table) => {
      table.string('status_reason', 1000).nullable()
      table.string('licence_note', 1000).nullable()
    })

    this.schema.createTable('expense_reports', (table) => {
      table.increments('id')
      grantColumn(table)
      table.integer('period_number').notNullable()
      table.string('kind', 16).notNullable().checkIn(['interim', 'final'], 'expense_reports_kind')
      table.string('status', 24).notNullable().defaultTo('draft').index()
      currencyColumn(table)
      moneyColumn(table, 'expense_reports', 'claimed_cents')
      moneyColumn(table, 'expense_reports', 'admitted_cents', { nullable: true })
      table.check(
        'admitted_cents IS NULL OR admitted_cents <= claimed_cents',
        {},
        'expense_reports_admitted_within_claimed'
      )
      table.text('summary').nullable()
      table.text('return_comment').nullable()
      userColumn(table, 'submitted_by_id')
      table.timestamp('submitted_at', { useTz: true }).nullable()
      userColumn(table, 'decided_by_id')
      table.timestamp('decided_at', { useTz: true }).nullable()
      userColumn(table, 'created_by_id', false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['grant_id', 'period_number'])
    })

    this.schema.createTable('payment_requests', (table) => {
      table.increments('id')
      grantColumn(table)
      table.integer('number').notNullable()
      table
        .string('kind', 24)
        .notNullable()
        .checkIn(
          ['initial_prefinancing', 'further_prefinancing', 'balance'],
          'payment_requests_kind'
        )
      table.integer('period').nullable()
      table
        .integer('expense_report_id')
        .unsigned()
        .nullable()
        .references('expense_reports.id')
        .onDelete('RESTRICT')
        .index()
      table.string('status', 24).notNullable().index()
      currencyColumn(table)
      moneyColumn(table, 'payment_requests', 'scheduled_cents')
      moneyColumn(table, 'payment_requests', 'threshold_cents', { nullable: true })
      moneyColumn(table, 'payment_requests', 'funded_expenditure_cents', { nullable: true })
      moneyColumn(table, 'payment_requests', 'reduction_cents')
      moneyColumn(table, 'payment_requests', 'payable_cents')
      moneyColumn(table, 'payment_requests', 'verified_cents', { nullable: true })
      table.string('adjustment_reason', 1000).nullable()
      table.text('return_comment').nullable()
      table.string('held_reason', 1000).nullable()
      table.text('conditions_json').nullable()
      userColumn(table, 'requested_by_id', false)
      table.timestamp('requested_at', { useTz: true }).notNullable()
      userColumn(table, 'verified_by_id')
      table.timestamp('verified_at', { useTz: true }).nullable()
      userColumn(table, 'approved_by_id')
      table.timestamp('approved_at', { useTz: true }).nullable()
      userColumn(table, 'returned_by_id')
      table.timestamp('returned_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['grant_id', 'number'])
    })

    this.schema.createTable('payments', (table) => {
      table.increments('id')
      table
        .integer('payment_request_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('payment_requests.id')
        .onDelete('RESTRICT')
      grantColumn(table)
      currencyColumn(table)
      moneyColumn(table, 'payments', 'amount_cents')
      table.date('value_date').notNullable()
      table.string('bank_reference', 80).notNullable()
      table.string('idempotency_key', 120).notNullable().unique()
      userColumn(table, 'recorded_by_id', false)
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('recovery_orders', (table) => {
      table.increments('id')
      grantColumn(table)
      currencyColumn(table)
      moneyColumn(table, 'recovery_orders', 'amount_cents')
      table.date('due_on').notNullable()
      table.string('status', 16).notNullable().defaultTo('open').index()
      table.date('settled_on').nullable()
      table.string('settlement_reference', 80).nullable()
      userColumn(table, 'issued_by_id', false)
      userColumn(table, 'settled_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('ledger_entries', (table) => {
      table.increments('id')
      grantColumn(table)
      table
        .string('kind', 16)
        .notNullable()
        .checkIn(['commitment', 'disbursement', 'recovery'], 'ledger_entries_kind')
      currencyColumn(table)
      moneyColumn(table, 'ledger_entries', 'amount_cents')
      table.date('booked_on').notNullable()
      table
        .integer('payment_id')
        .unsigned()
        .nullable()
        .unique()
        .references('payments.id')
        .onDelete('RESTRICT')
      table
        .integer('recovery_order_id')
        .unsigned()
        .nullable()
        .unique()
        .references('recovery_orders.id')
        .onDelete('RESTRICT')
      table.string('description', 255).notNullable()
      userColumn(table, 'created_by_id', false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['grant_id', 'kind'])
    })

    this.schema.createTable('fstp_exceptions', (table) => {
      table.increments('id')
      grantColumn(table, 'parent_grant_id')
      table
        .integer('application_id')
        .unsigned()
        .notNullable()
        .references('applications.id')
        .onDelete('RESTRICT')
        .index()
      currencyColumn(table)
      moneyColumn(table, 'fstp_exceptions', 'amount_cents')
      table.text('justification').notNullable()
      table.string('status', 16).notNullable().defaultTo('requested').index()
      table.string('decision_comment', 1000).nullable()
      userColumn(table, 'requested_by_id', false)
      userColumn(table, 'decided_by_id')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.dropTable('fstp_exceptions')
    this.schema.dropTable('ledger_entries')
    this.schema.dropTable('recovery_orders')
    this.schema.dropTable('payments')
    this.schema.dropTable('payment_requests')
    this.schema.dropTable('expense_reports')
    // Plain DROP COLUMNs: SQLite's table rebuild would trip over the rows that reference grants.
    this.schema.raw('ALTER TABLE grants DROP COLUMN status_reason')
    this.schema.raw('ALTER TABLE grants DROP COLUMN licence_note')
  }
}
