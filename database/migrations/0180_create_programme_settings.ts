import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Programme settings (DOMAIN-RULES: every number is a default stored as
 * data): versions of the action's facts and the rules' defaults, each in
 * force from its date until the next one. A decision keeps the values in
 * force when it was taken: calls and grants copy the ones they use (the
 * caps, the flexibility, the pre-financing parameters) when they are made.
 * Reference data gains a retirement date: services (licensed social
 * services) become a table; municipalities and services are retired from
 * a date, never deleted.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('programme_settings', (table) => {
      table.increments('id')
      table.date('effective_from').notNullable().unique()
      /* The values, validated by app/validators/programme_settings.ts. */
      table.text('values_json').notNullable()
      table.integer('created_by_id').unsigned().nullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('services', (table) => {
      table.string('code', 40).primary()
      table.string('name_en', 120).notNullable()
      table.string('name_sq', 120).notNullable()
      table.string('name_sr', 120).notNullable()
      table.date('retired_on').nullable()
    })
    this.defer(async (db) => {
      await db.table('services').multiInsert(
        [
          [
            'residential_vot',
            'Residential care for victims of trafficking',
            'Strehim rezidencial për viktimat e trafikimit',
            'Rezidencijalni smeštaj za žrtve trgovine ljudima',
          ],
          [
            'residential_dv',
            'Residential care for victims of domestic violence',
            'Strehim rezidencial për viktimat e dhunës në familje',
            'Rezidencijalni smeštaj za žrtve nasilja u porodici',
          ],
          ['counselling', 'Counselling', 'Këshillim', 'Savetovanje'],
          ['day_care', 'Day care', 'Kujdes ditor', 'Dnevni boravak'],
          [
            'reintegration',
            'Reintegration support',
            'Mbështetje për riintegrim',
            'Podrška reintegraciji',
          ],
        ].map(([code, en, sq, sr]) => ({ code, name_en: en, name_sq: sq, name_sr: sr }))
      )
    })

    this.schema.alterTable('municipalities', (table) => {
      table.date('retired_on').nullable()
    })
    this.schema.alterTable('calls', (table) => {
      table.integer('indirect_cap_bp').notNullable().defaultTo(700)
      table.integer('contingency_cap_bp').notNullable().defaultTo(500)
    })
    this.schema.alterTable('grants', (table) => {
      table.integer('flexibility_bp').notNullable().defaultTo(2500)
      table.integer('indirect_cap_bp').notNullable().defaultTo(700)
      table.integer('option_one_prefinancing_bp').notNullable().defaultTo(8000)
    })
  }

  async down() {
    const drop = (tableName: string, columns: string[]) => {
      for (const column of columns) {
        this.schema.raw(`ALTER TABLE ${tableName} DROP COLUMN ${column}`)
      }
    }
    drop('grants', ['flexibility_bp', 'indirect_cap_bp', 'option_one_prefinancing_bp'])
    drop('calls', ['indirect_cap_bp', 'contingency_cap_bp'])
    drop('municipalities', ['retired_on'])
    this.schema.dropTable('services')
    this.schema.dropTable('programme_settings')
  }
}
