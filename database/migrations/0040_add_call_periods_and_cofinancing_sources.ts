import { BaseSchema } from '@adonisjs/lucid/schema'
import { currencyColumn, moneyColumn } from '#database/money_columns'

const kinds = ['own_funds', 'other_donor', 'in_kind']

/**
 * The call's implementation period limits (in months) and whether it
 * accepts in-kind co-financing; the co-financing sources of a full
 * application and, copied at award, of its grant, one row per source.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('calls', (table) => {
      table.integer('min_duration_months').notNullable().defaultTo(1)
      table.integer('max_duration_months').notNullable().defaultTo(60)
      table.boolean('allows_in_kind').notNullable().defaultTo(false)
    })

    this.schema.createTable('application_cofinancing_sources', (table) => {
      table.increments('id')
      table
        .integer('application_id')
        .unsigned()
        .notNullable()
        .references('applications.id')
        .onDelete('CASCADE')
        .index()
      table.integer('position').notNullable()
      table
        .string('kind', 16)
        .notNullable()
        .checkIn(kinds, 'application_cofinancing_sources_kind_check')
      table.string('source', 200).notNullable()
      currencyColumn(table)
      moneyColumn(table, 'application_cofinancing_sources', 'amount_cents')
    })

    this.schema.createTable('grant_cofinancing_sources', (table) => {
      table.increments('id')
      table
        .integer('grant_id')
        .unsigned()
        .notNullable()
        .references('grants.id')
        .onDelete('CASCADE')
        .index()
      table.integer('position').notNullable()
      table.string('kind', 16).notNullable().checkIn(kinds, 'grant_cofinancing_sources_kind_check')
      table.string('source', 200).notNullable()
      currencyColumn(table)
      moneyColumn(table, 'grant_cofinancing_sources', 'amount_cents')
    })
  }

  async down() {
    this.schema.dropTable('grant_cofinancing_sources')
    this.schema.dropTable('application_cofinancing_sources')
    const columns = ['allows_in_kind', 'max_duration_months', 'min_duration_months']
    if (this.db.dialect.name === 'postgres') {
      this.schema.alterTable('calls', (table) => table.dropColumns(...columns))
      return
    }
    // SQLite drops a plain column in place; knex would rebuild the table, which fails while
    // applications (committed by the concurrency suite) still reference calls.
    for (const column of columns) this.schema.raw(`ALTER TABLE calls DROP COLUMN ${column}`)
  }
}
