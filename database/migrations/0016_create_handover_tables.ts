import { BaseSchema } from '@adonisjs/lucid/schema'
import type { Knex } from 'knex'
import { currencyColumn, moneyColumn } from '#database/money_columns'

function userColumn(table: Knex.CreateTableBuilder, name: string) {
  table.integer(name).unsigned().notNullable().references('users.id').onDelete('RESTRICT').index()
}

function shelterColumn(table: Knex.CreateTableBuilder, nullable = false) {
  const column = table
    .integer('shelter_id')
    .unsigned()
    .references('shelters.id')
    .onDelete('CASCADE')
  if (nullable) column.nullable()
  else column.notNullable()
  column.index()
}

function yearColumn(table: Knex.CreateTableBuilder, tableName: string) {
  table.integer('year').notNullable()
  table.check('year BETWEEN 2000 AND 2100', {}, `${tableName}_year_range`)
}

function basisPoints(table: Knex.CreateTableBuilder, tableName: string, name: string) {
  table.check(
    `${name} IS NULL OR (${name} >= 0 AND ${name} <= 10000)`,
    {},
    `${tableName}_${name}_range`
  )
}

/**
 * The handover plan (DOMAIN-RULES §10): per shelter and year the need
 * (from reports or entered with a justification), the targets (the plan's
 * per year, a shelter's own where agreed), the state's commitments with
 * their evidence and the transfers that pay them, and the other sources
 * entered by hand. Donor funding is not stored: it is computed from the
 * ledger of the sub-grants.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('handover_needs', (table) => {
      table.increments('id')
      shelterColumn(table)
      yearColumn(table, 'handover_needs')
      table
        .string('method', 16)
        .notNullable()
        .checkIn(['reports', 'entered'], 'handover_needs_method')
      table.integer('occupancy_bp').notNullable()
      basisPoints(table, 'handover_needs', 'occupancy_bp')
      currencyColumn(table)
      moneyColumn(table, 'handover_needs', 'amount_cents', { nullable: true })
      table.check(
        "method <> 'entered' OR (amount_cents IS NOT NULL AND justification IS NOT NULL)",
        {},
        'handover_needs_entered_with_reason'
      )
      table.text('justification').nullable()
      userColumn(table, 'set_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['shelter_id', 'year'])
    })

    this.schema.createTable('handover_targets', (table) => {
      table.increments('id')
      shelterColumn(table, true)
      yearColumn(table, 'handover_targets')
      table.integer('state_share_bp').notNullable()
      basisPoints(table, 'handover_targets', 'state_share_bp')
      table.integer('municipal_share_bp').nullable()
      basisPoints(table, 'handover_targets', 'municipal_share_bp')
      table.string('note', 1000).nullable()
      userColumn(table, 'set_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['shelter_id', 'year'])
    })
    /* One plan-wide row per year (a NULL shelter never collides in the unique above). */
    this.schema.raw(
      'CREATE UNIQUE INDEX handover_targets_plan_year ON handover_targets (year) WHERE shelter_id IS NULL'
    )

    this.schema.createTable('handover_commitments', (table) => {
      table.increments('id')
      shelterColumn(table)
      yearColumn(table, 'handover_commitments')
      /* The state funder as it was: a ministry on record and its name at the time. */
      table
        .integer('funder_organisation_id')
        .unsigned()
        .nullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
        .index()
      table.string('funder_name', 200).notNullable()
      table
        .string('reference_kind', 16)
        .notNullable()
        .checkIn(['budget_law', 'mtef', 'decision'], 'handover_commitments_reference_kind')
      table.string('budget_reference', 120).notNullable()
      table.date('committed_on').notNullable()
      currencyColumn(table)
      moneyColumn(table, 'handover_commitments', 'amount_cents')
      table.check('amount_cents > 0', {}, 'handover_commitments_amount_positive')
      table.string('evidence_file_key', 255).nullable()
      table.string('evidence_file_name', 255).nullable()
      table.string('evidence_sha256', 64).nullable()
      userColumn(table, 'recorded_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['shelter_id', 'year'])
    })

    this.schema.createTable('handover_transfers', (table) => {
      table.increments('id')
      table
        .integer('commitment_id')
        .unsigned()
        .notNullable()
        .references('handover_commitments.id')
        .onDelete('RESTRICT')
        .index()
      shelterColumn(table)
      yearColumn(table, 'handover_transfers')
      table.date('transferred_on').notNullable()
      currencyColumn(table)
      moneyColumn(table, 'handover_transfers', 'amount_cents')
      table.check('amount_cents > 0', {}, 'handover_transfers_amount_positive')
      table.string('reference', 80).nullable()
      userColumn(table, 'recorded_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['shelter_id', 'year'])
    })

    this.schema.createTable('handover_other_funding', (table) => {
      table.increments('id')
      shelterColumn(table)
      yearColumn(table, 'handover_other_funding')
      table
        .string('source', 16)
        .notNullable()
        .checkIn(['municipality', 'other_donor', 'own_income'], 'handover_other_funding_source')
      table.string('funder_name', 200).notNullable()
      currencyColumn(table)
      moneyColumn(table, 'handover_other_funding', 'amount_cents')
      table.string('note', 1000).nullable()
      userColumn(table, 'recorded_by_id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['shelter_id', 'year'])
    })
  }

  async down() {
    this.schema.dropTable('handover_other_funding')
    this.schema.dropTable('handover_transfers')
    this.schema.dropTable('handover_commitments')
    this.schema.raw('DROP INDEX IF EXISTS handover_targets_plan_year')
    this.schema.dropTable('handover_targets')
    this.schema.dropTable('handover_needs')
  }
}
