import { BaseSchema } from '@adonisjs/lucid/schema'
import { currencyColumn, moneyColumn } from '#database/money_columns'

/**
 * Contingency releases (DOMAIN-RULES §3): a written request of the grantee
 * to move an amount from the contingency reserve C of a signed grant to a
 * heading, decided by the funder's grant manager. Σ approved releases ≤ C
 * is checked in the action under a row lock on the grant.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('contingency_releases', (table) => {
      table.increments('id')
      table
        .integer('grant_id')
        .unsigned()
        .notNullable()
        .references('grants.id')
        .onDelete('RESTRICT')
        .index()
      table
        .string('heading', 32)
        .notNullable()
        .checkIn(
          [
            'human_resources',
            'travel',
            'equipment_supplies',
            'local_office',
            'other_costs_services',
            'other',
          ],
          'contingency_releases_heading'
        )
      moneyColumn(table, 'contingency_releases', 'amount_cents')
      table.check('amount_cents > 0', {}, 'contingency_releases_amount_positive')
      currencyColumn(table)
      table.text('justification').notNullable()
      table
        .string('status', 16)
        .notNullable()
        .checkIn(['requested', 'approved', 'refused'], 'contingency_releases_status')
        .index()
      table
        .integer('requested_by_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
        .index()
      table
        .integer('decided_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('RESTRICT')
        .index()
      table.check(
        'decided_by_id IS NULL OR decided_by_id <> requested_by_id',
        {},
        'contingency_releases_four_eyes'
      )
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.text('decision_comment').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.dropTable('contingency_releases')
  }
}
