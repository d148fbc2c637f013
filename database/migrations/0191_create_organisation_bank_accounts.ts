import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Several bank accounts per organisation (ADR 0020), each with its IBAN
 * (checked by ibantools before it is stored), holder, bank, currency and a
 * bank certificate; one of them is the primary account that payment orders
 * name. The one IBAN an organisation had (`organisations.iban`,
 * `bank_name`) becomes its primary account, and those columns go.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('organisation_bank_accounts', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
        .index()
      table.string('iban', 34).notNullable()
      table.string('holder_name', 255).notNullable()
      table.string('bank_name', 120).nullable()
      table.string('currency', 3).notNullable().defaultTo('EUR')
      table.boolean('is_primary').notNullable().defaultTo(false)
      table.string('certificate_file_key', 255).nullable()
      table.string('certificate_file_name', 255).nullable()
      table.string('certificate_content_type', 100).nullable()
      table.string('certificate_sha256', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['organisation_id', 'iban'])
    })
    // One primary account per organisation: a partial unique index (PostgreSQL and SQLite).
    this.schema.raw(
      'CREATE UNIQUE INDEX organisation_bank_accounts_one_primary ON organisation_bank_accounts (organisation_id) WHERE is_primary'
    )
    this.defer(async (db) => {
      const rows = await db
        .from('organisations')
        .whereNotNull('iban')
        .whereNot('iban', '')
        .select('id', 'iban', 'bank_name', 'legal_name', 'name')
      const now = new Date()
      for (const row of rows) {
        await db.table('organisation_bank_accounts').insert({
          organisation_id: row.id,
          iban: row.iban,
          holder_name: row.legal_name || row.name,
          bank_name: row.bank_name,
          currency: 'EUR',
          is_primary: true,
          created_at: now,
          updated_at: now,
        })
      }
    })
    this.schema.raw('ALTER TABLE organisations DROP COLUMN iban')
    this.schema.raw('ALTER TABLE organisations DROP COLUMN bank_name')
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.string('iban', 34).nullable()
      table.string('bank_name', 120).nullable()
    })
    this.defer(async (db) => {
      const primaries = await db.from('organisation_bank_accounts').where('is_primary', true)
      for (const account of primaries) {
        await db
          .from('organisations')
          .where('id', account.organisation_id)
          .update({ iban: account.iban, bank_name: account.bank_name })
      }
    })
    this.schema.dropTable('organisation_bank_accounts')
  }
}
