import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Structured logframes (of a full application, then of the grant it
 * becomes), the requests that change a grant's logframe, and the narrative
 * reports per reporting period (PRAG Annex VI narrative part) with the
 * version kept at each step for the diff on resubmission. The logframe and
 * the report content are JSON documents checked by `#domain/narrative/*`
 * (docs/adr/0030-logframe-and-narrative-documents.md).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('logframes', (table) => {
      table.increments('id')
      table
        .integer('application_id')
        .unsigned()
        .nullable()
        .unique()
        .references('id')
        .inTable('applications')
        .onDelete('CASCADE')
      table
        .integer('grant_id')
        .unsigned()
        .nullable()
        .unique()
        .references('id')
        .inTable('grants')
        .onDelete('CASCADE')
      table.integer('version').notNullable().defaultTo(1)
      table.text('content_json').notNullable()
      table.integer('updated_by_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('logframe_changes', (table) => {
      table.increments('id')
      table
        .integer('grant_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('grants')
        .onDelete('CASCADE')
      table.string('status', 20).notNullable()
      table.integer('base_version').notNullable()
      table.text('content_json').notNullable()
      table.text('reason').notNullable()
      table.integer('proposed_by_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('proposed_at', { useTz: true }).notNullable()
      table.integer('decided_by_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.text('decision_comment').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['grant_id', 'status'])
    })

    this.schema.createTable('narrative_reports', (table) => {
      table.increments('id')
      table
        .integer('grant_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('grants')
        .onDelete('CASCADE')
      table.integer('period_number').notNullable()
      table.string('kind', 10).notNullable()
      table.string('status', 20).notNullable()
      table.integer('version').notNullable().defaultTo(0)
      table.text('content_json').notNullable()
      table.integer('submitted_by_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.integer('verified_by_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('verified_at', { useTz: true }).nullable()
      table.integer('approved_by_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('approved_at', { useTz: true }).nullable()
      table.text('return_comment').nullable()
      table.integer('created_by_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['grant_id', 'period_number', 'kind'])
      table.index(['status'])
    })

    this.schema.createTable('narrative_report_versions', (table) => {
      table.increments('id')
      table
        .integer('narrative_report_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('narrative_reports')
        .onDelete('CASCADE')
      table.integer('version').notNullable()
      table.string('event', 20).notNullable()
      table.text('content_json').notNullable()
      table.text('comment').nullable()
      table.integer('created_by_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['narrative_report_id', 'version'])
    })
  }

  async down() {
    this.schema.dropTable('narrative_report_versions')
    this.schema.dropTable('narrative_reports')
    this.schema.dropTable('logframe_changes')
    this.schema.dropTable('logframes')
  }
}
