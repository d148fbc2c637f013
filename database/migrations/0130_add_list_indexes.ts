import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Indexes for what the pages read in order: the lines of an expense report
 * by position (the paginated line list, PDF and CSV), and grants by start
 * date (the grant lists).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('expense_lines', (table) => {
      table.index(['expense_report_id', 'position'], 'expense_lines_report_position_index')
    })
    this.schema.alterTable('grants', (table) => {
      table.index(['starts_on', 'id'], 'grants_starts_on_id_index')
    })
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS expense_lines_report_position_index')
    this.schema.raw('DROP INDEX IF EXISTS grants_starts_on_id_index')
  }
}
