import { BaseSchema } from '@adonisjs/lucid/schema'
import type { Knex } from 'knex'
import { currencyColumn, moneyColumn } from '#database/money_columns'

function userColumn(table: Knex.CreateTableBuilder, name: string, nullable = true) {
  const column = table.integer(name).unsigned().references('users.id').onDelete('RESTRICT')
  if (nullable) column.nullable()
  else column.notNullable()
  column.index()
}

/**
 * Budget changes of a grant (DOMAIN-RULES §5): a notification is recorded
 * and applied at once, an addendum is requested and applied when the
 * funder approves it. Applying writes the proposed lines as a new version
 * of `grant_budget_lines` (`to_version`). The funder contribution never
 * rises, checked here as well.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('budget_changes', (table) => {
      table.increments('id')
      table
        .integer('grant_id')
        .unsigned()
        .notNullable()
        .references('grants.id')
        .onDelete('RESTRICT')
        .index()
      table.integer('from_version').notNullable()
      table.integer('to_version').nullable()
      table
        .string('kind', 16)
        .notNullable()
        .checkIn(['notification', 'addendum'], 'budget_changes_kind')
      table
        .string('status', 16)
        .notNullable()
        .checkIn(['recorded', 'requested', 'approved', 'refused'], 'budget_changes_status')
        .index()
      table.check(
        "(kind = 'notification' AND status = 'recorded') OR (kind = 'addendum' AND status IN ('requested', 'approved', 'refused'))",
        {},
        'budget_changes_kind_status'
      )
      table.date('effective_on').notNullable()
      table.text('justification').notNullable()
      table.text('proposal_json').notNullable()
      table.text('analysis_json').notNullable()
      currencyColumn(table)
      moneyColumn(table, 'budget_changes', 'funder_before_cents')
      moneyColumn(table, 'budget_changes', 'funder_after_cents')
      table.check(
        'funder_after_cents <= funder_before_cents',
        {},
        'budget_changes_funder_never_rises'
      )
      userColumn(table, 'proposed_by_id', false)
      userColumn(table, 'decided_by_id')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.text('decision_comment').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['grant_id', 'to_version'])
    })
  }

  async down() {
    this.schema.dropTable('budget_changes')
  }
}
