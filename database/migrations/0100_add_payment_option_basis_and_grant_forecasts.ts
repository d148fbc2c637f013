import { BaseSchema } from '@adonisjs/lucid/schema'
import { currencyColumn, moneyColumn } from '#database/money_columns'

/**
 * Payment option and period forecasts (DOMAIN-RULES §4).
 *
 * The grant keeps why its payment option was chosen and the thresholds it
 * was chosen with (option 1 when the implementation period is at most
 * `option_one_max_months` or F at most `option_one_max_funder_cents`).
 *
 * `grant_forecasts` holds the grantee's own forecast per reporting period,
 * excluding contingency: their sum must equal TEC − C (checked by the
 * action, since it spans rows).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('grants', (table) => {
      table.string('payment_option_reason', 64).nullable()
      table.integer('option_one_max_months').notNullable().defaultTo(12)
      table.bigInteger('option_one_max_funder_cents').notNullable().defaultTo(10000000)
    })
    this.schema.createTable('grant_forecasts', (table) => {
      table.increments('id')
      table.integer('grant_id').unsigned().notNullable().references('grants.id').onDelete('CASCADE')
      table.integer('period_number').notNullable()
      currencyColumn(table)
      moneyColumn(table, 'grant_forecasts', 'forecast_cents')
      table
        .integer('updated_by_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['grant_id', 'period_number'])
      table.check('period_number >= 1', {}, 'grant_forecasts_period_positive')
    })
  }

  async down() {
    this.schema.dropTable('grant_forecasts')
    this.schema.alterTable('grants', (table) => {
      table.dropColumn('option_one_max_funder_cents')
      table.dropColumn('option_one_max_months')
      table.dropColumn('payment_option_reason')
    })
  }
}
