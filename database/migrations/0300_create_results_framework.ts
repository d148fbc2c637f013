import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The programme's results framework as data: results (Component 2,
 * results 5–7 of the action document) with indicators under them, each
 * indicator with its unit, source of verification, disaggregation and the
 * rule its actual value is computed by; and the values entered with
 * evidence for indicators that no report computes.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('results', (table) => {
      table.increments('id')
      table.string('code', 24).notNullable().unique()
      table.string('title_en', 500).notNullable()
      table.string('title_sq', 500).notNullable()
      table.string('title_sr', 500).notNullable()
      table
        .integer('updated_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.alterTable('indicators', (table) => {
      table.integer('result_id').unsigned().nullable().references('results.id').onDelete('RESTRICT')
      table.string('unit', 32).notNullable().defaultTo('people')
      table.text('source_of_verification').notNullable().defaultTo('')
      table.text('disaggregation_json').notNullable().defaultTo('[]')
      table.string('rule', 32).notNullable().defaultTo('service_statistics')
      table
        .integer('updated_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('RESTRICT')
    })

    this.schema.createTable('indicator_values', (table) => {
      table.increments('id')
      table
        .integer('indicator_id')
        .unsigned()
        .notNullable()
        .references('indicators.id')
        .onDelete('CASCADE')
      table.integer('year').notNullable()
      table.integer('grant_id').unsigned().nullable().references('grants.id').onDelete('RESTRICT')
      table.integer('value').notNullable()
      table.string('evidence_file_key', 255).notNullable()
      table.string('evidence_file_name', 255).notNullable()
      table.string('evidence_sha256', 64).notNullable()
      table
        .integer('entered_by_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['indicator_id', 'year'])
      table.check('?? >= 0', ['value'], 'indicator_values_value_check')
    })
  }

  async down() {
    this.schema.dropTable('indicator_values')
    this.schema.alterTable('indicators', (table) => {
      table.dropForeign(['result_id'])
      table.dropForeign(['updated_by_id'])
      table.dropColumns(
        'result_id',
        'unit',
        'source_of_verification',
        'disaggregation_json',
        'rule',
        'updated_by_id'
      )
    })
    this.schema.dropTable('results')
  }
}
