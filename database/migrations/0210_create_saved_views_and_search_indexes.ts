import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Saved views of the search page (a person's named filter sets), and the
 * indexes the search filters and sorts by: reports by period, applications
 * by status and title, organisations by creation (the grant reference and
 * the organisation name are indexed already).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('saved_views', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('name', 80).notNullable()
      table.string('page', 40).notNullable()
      table.string('query', 1000).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['user_id', 'page', 'name'])
    })
    this.schema.alterTable('expense_reports', (table) => {
      table.index(['period_number', 'id'], 'expense_reports_period_number_id_index')
    })
    this.schema.alterTable('applications', (table) => {
      table.index(['status', 'id'], 'applications_status_id_index')
      table.index(['title'], 'applications_title_index')
    })
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS expense_reports_period_number_id_index')
    this.schema.raw('DROP INDEX IF EXISTS applications_status_id_index')
    this.schema.raw('DROP INDEX IF EXISTS applications_title_index')
    this.schema.dropTable('saved_views')
  }
}
