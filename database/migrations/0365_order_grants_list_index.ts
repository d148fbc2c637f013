import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The grants list is read newest first, ties by id ascending (`starts_on
 * DESC, id ASC`). An index on (starts_on, id) serves neither direction of that
 * mixed order, so every list page read all grants and sorted them (a
 * sequential scan of 10 000 grants for 50 rows). The index now has the list's
 * order; read backwards it still serves `ORDER BY starts_on` and date ranges.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('DROP INDEX IF EXISTS grants_starts_on_id_index')
    this.schema.raw('CREATE INDEX grants_list_order_index ON grants (starts_on DESC, id ASC)')
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS grants_list_order_index')
    this.schema.alterTable('grants', (table) => {
      table.index(['starts_on', 'id'], 'grants_starts_on_id_index')
    })
  }
}
