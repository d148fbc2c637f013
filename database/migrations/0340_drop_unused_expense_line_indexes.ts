import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Drops four indexes of `expense_lines` that no query uses, each of which
 * an import of 50 000 lines maintained row by row while it published
 * (ADR 0032):
 * - `expense_report_id`: the (expense_report_id, position) index and the
 *   covering (expense_report_id, grant_budget_line_id, admitted_cents)
 *   index both start with it, so lookups and the cascade from
 *   `expense_reports` use them;
 * - `standard_code`: lines are only grouped or sorted by standard within a
 *   report, found through the report's index;
 * - `created_by_id` and `decided_by_id`: they served only the RESTRICT
 *   check when a user is deleted, and users are deactivated, never deleted.
 */
const dropped = [
  ['expense_lines_expense_report_id_index', 'expense_report_id'],
  ['expense_lines_standard_code_index', 'standard_code'],
  ['expense_lines_created_by_id_index', 'created_by_id'],
  ['expense_lines_decided_by_id_index', 'decided_by_id'],
] as const

export default class extends BaseSchema {
  async up() {
    for (const [name] of dropped) this.schema.raw(`DROP INDEX IF EXISTS ${name}`)
  }

  async down() {
    for (const [name, column] of dropped) {
      this.schema.raw(`CREATE INDEX IF NOT EXISTS ${name} ON expense_lines (${column})`)
    }
  }
}
