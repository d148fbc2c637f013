import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A call keeps the co-financing minimum in force when it was made (ADR
 * 0035), like its other caps: a later programme setting never changes
 * the rule an application to it is judged by. Existing calls get the
 * DOMAIN-RULES value (5 %).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('calls', (table) => {
      table.integer('cofinancing_min_bp').notNullable().defaultTo(500)
    })
  }

  async down() {
    this.schema.alterTable('calls', (table) => {
      table.dropColumn('cofinancing_min_bp')
    })
  }
}
