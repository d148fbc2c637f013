import { DateTime } from 'luxon'
import { BaseSchema } from '@adonisjs/lucid/schema'
import type { Knex } from 'knex'
import { currencyColumn, moneyColumn } from '#database/money_columns'
import { defaultMinimumStandards } from '#domain/reports/minimum_standards'

function reportColumn(table: Knex.CreateTableBuilder) {
  table
    .integer('expense_report_id')
    .unsigned()
    .notNullable()
    .references('expense_reports.id')
    .onDelete('CASCADE')
    .index()
}

function userColumn(table: Knex.CreateTableBuilder, name: string, nullable = true) {
  const column = table.integer(name).unsigned().references('users.id').onDelete('RESTRICT')
  if (nullable) column.nullable()
  else column.notNullable()
  column.index()
}

/**
 * Expense reports in detail: the minimum standards catalogue (data the
 * MLSW edits), expense lines with receipts, eligibility flags and admitted
 * amounts, each submitted version kept, the compliance self-assessment per
 * standard, aggregate service statistics (never a victim's identity),
 * imports run as jobs, and the logframe indicators.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('minimum_standards', (table) => {
      table.increments('id')
      table.string('code', 24).notNullable().unique()
      table.integer('position').notNullable()
      table.string('title_en', 200).notNullable()
      table.string('title_sq', 200).notNullable()
      table.string('title_sr', 200).notNullable()
      table.text('description_en').notNullable()
      table.text('description_sq').notNullable()
      table.text('description_sr').notNullable()
      table.text('criteria_json').notNullable()
      userColumn(table, 'updated_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.alterTable('expense_reports', (table) => {
      table.integer('version').notNullable().defaultTo(0)
      table.timestamp('verification_started_at', { useTz: true }).nullable()
    })

    this.schema.createTable('expense_lines', (table) => {
      table.increments('id')
      reportColumn(table)
      table.integer('position').notNullable()
      table.date('spent_on').notNullable()
      table.string('supplier', 255).notNullable()
      table.text('description').notNullable()
      table
        .integer('grant_budget_line_id')
        .unsigned()
        .nullable()
        .references('grant_budget_lines.id')
        .onDelete('RESTRICT')
        .index()
      table.string('standard_code', 24).notNullable().index()
      currencyColumn(table)
      moneyColumn(table, 'expense_lines', 'amount_cents')
      table.bigInteger('exchange_rate_micro').nullable()
      table.string('rate_source', 160).nullable()
      moneyColumn(table, 'expense_lines', 'claimed_cents')
      table
        .string('vat', 32)
        .notNullable()
        .defaultTo('exempt')
        .checkIn(
          ['exempt', 'not_applicable', 'recoverable_included', 'non_recoverable_included'],
          'expense_lines_vat'
        )
      table.string('receipt_number', 80).nullable()
      table.boolean('late_cost_allowed').notNullable().defaultTo(false)
      table.text('flags_json').notNullable().defaultTo('[]')
      moneyColumn(table, 'expense_lines', 'admitted_cents', { nullable: true })
      table.check(
        'admitted_cents IS NULL OR admitted_cents <= claimed_cents',
        {},
        'expense_lines_admitted_within_claimed'
      )
      table.string('admission_reason', 1000).nullable()
      userColumn(table, 'decided_by_id')
      table.timestamp('decided_at', { useTz: true }).nullable()
      userColumn(table, 'created_by_id', false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('expense_receipts', (table) => {
      table.increments('id')
      table
        .integer('expense_line_id')
        .unsigned()
        .notNullable()
        .references('expense_lines.id')
        .onDelete('CASCADE')
        .index()
      table.string('file_key', 255).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('content_type', 100).notNullable()
      table.integer('size_bytes').notNullable()
      table.string('sha256', 64).notNullable()
      userColumn(table, 'uploaded_by_id', false)
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('expense_report_versions', (table) => {
      table.increments('id')
      reportColumn(table)
      table.integer('version').notNullable()
      table.string('event', 24).notNullable()
      table.text('snapshot_json').notNullable()
      table.text('comment').nullable()
      userColumn(table, 'created_by_id', false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['expense_report_id', 'version', 'event'])
    })

    this.schema.createTable('compliance_assessments', (table) => {
      table.increments('id')
      reportColumn(table)
      table.string('standard_code', 24).notNullable()
      table.string('self_level', 16).notNullable().checkIn(['met', 'partly', 'not_met'])
      table.text('evidence').nullable()
      table.text('comment').nullable()
      table.string('verifier_level', 16).nullable().checkIn(['met', 'partly', 'not_met'])
      table.text('verifier_comment').nullable()
      userColumn(table, 'verified_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['expense_report_id', 'standard_code'])
    })

    // Aggregates only: no column here can hold a name, a date of birth or a case.
    this.schema.createTable('service_statistics', (table) => {
      table.increments('id')
      reportColumn(table)
      table.string('measure', 32).notNullable()
      table.string('sex', 8).notNullable().checkIn(['female', 'male'])
      table.string('age_band', 12).notNullable().checkIn(['under_18', 'adult'])
      table.string('origin', 12).notNullable().checkIn(['domestic', 'foreign'])
      table.integer('count').notNullable()
      table.check('count >= 0', {}, 'service_statistics_count_non_negative')
      table.unique(['expense_report_id', 'measure', 'sex', 'age_band', 'origin'])
    })

    this.schema.createTable('service_referrals', (table) => {
      table.increments('id')
      reportColumn(table)
      table.string('source', 32).notNullable()
      table.integer('count').notNullable()
      table.check('count >= 0', {}, 'service_referrals_count_non_negative')
      table.unique(['expense_report_id', 'source'])
    })

    this.schema.createTable('expense_imports', (table) => {
      table.increments('id')
      reportColumn(table)
      table.string('status', 16).notNullable().defaultTo('queued').index()
      table.string('file_name', 255).notNullable()
      table.string('file_key', 255).notNullable()
      table.integer('total_rows').notNullable().defaultTo(0)
      table.integer('processed_rows').notNullable().defaultTo(0)
      table.integer('imported_lines').notNullable().defaultTo(0)
      table.text('errors_json').notNullable().defaultTo('[]')
      userColumn(table, 'created_by_id', false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('indicators', (table) => {
      table.increments('id')
      table.string('code', 24).notNullable().unique()
      table.string('title_en', 255).notNullable()
      table.string('title_sq', 255).notNullable()
      table.string('title_sr', 255).notNullable()
      table.string('measure', 32).notNullable()
      table.integer('baseline_year').notNullable()
      table.integer('baseline_value').notNullable()
      table.text('targets_json').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.defer(async (db) => {
      const now = DateTime.utc().toFormat(db.dialect.dateTimeFormat)
      await db.table('minimum_standards').multiInsert(
        defaultMinimumStandards.map((standard, position) => ({
          code: standard.code,
          position,
          title_en: standard.title.en,
          title_sq: standard.title.sq,
          title_sr: standard.title.sr,
          description_en: standard.description.en,
          description_sq: standard.description.sq,
          description_sr: standard.description.sr,
          criteria_json: JSON.stringify(standard.criteria),
          created_at: now,
        }))
      )
    })
  }

  async down() {
    for (const name of [
      'indicators',
      'expense_imports',
      'service_referrals',
      'service_statistics',
      'compliance_assessments',
      'expense_report_versions',
      'expense_receipts',
      'expense_lines',
      'minimum_standards',
    ]) {
      this.schema.dropTable(name)
    }
    // Plain DROP COLUMNs: SQLite's table rebuild would trip over the rows that reference reports.
    this.schema.raw('ALTER TABLE expense_reports DROP COLUMN version')
    this.schema.raw('ALTER TABLE expense_reports DROP COLUMN verification_started_at')
  }
}
