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

    this.copyExistingSources()
  }

  /**
   * Sources typed before this table existed (free text in
   * applications.cofinancing_sources) become rows: "own …" as own funds, any
   * other as another donor; an awarded application's grant gets the same rows.
   */
  private copyExistingSources() {
    this.defer(async (db) => {
      const applications = await db
        .from('applications')
        .whereNotNull('cofinancing_sources')
        .select('id', 'currency', 'cofinancing_sources')
      for (const application of applications) {
        let sources: { source?: string; amountCents?: number }[] = []
        try {
          sources = JSON.parse(application.cofinancing_sources as string) ?? []
        } catch {
          continue
        }
        const rows = sources
          .filter((s) => s && typeof s.source === 'string' && Number.isSafeInteger(s.amountCents))
          .map((s, position) => ({
            position,
            kind: /^own\b/i.test(s.source!.trim()) ? 'own_funds' : 'other_donor',
            source: s.source!.slice(0, 200),
            currency: application.currency,
            amount_cents: s.amountCents!,
          }))
        if (rows.length === 0) continue
        await db
          .table('application_cofinancing_sources')
          .multiInsert(rows.map((r) => ({ ...r, application_id: application.id })))
        const grant = await db.from('grants').where('application_id', application.id).first()
        if (grant) {
          await db
            .table('grant_cofinancing_sources')
            .multiInsert(rows.map((r) => ({ ...r, grant_id: grant.id })))
        }
      }
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
