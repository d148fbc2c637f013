import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A covering index for the accepted costs of a grant: the admitted amounts
 * of a report's lines summed per budget line are read from the index alone,
 * not from the wide line rows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('expense_lines', (table) => {
      table.index(
        ['expense_report_id', 'grant_budget_line_id', 'admitted_cents'],
        'expense_lines_report_budget_line_admitted_index'
      )
    })
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS expense_lines_report_budget_line_admitted_index')
  }
}
