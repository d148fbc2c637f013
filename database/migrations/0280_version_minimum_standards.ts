import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Minimum standards are versioned by date like the programme settings
 * (ADR 0019): each row belongs to the version in force from its
 * `effective_from`; the version in force on a date is every row of the
 * newest date on or before it. A report is judged against the version in
 * force when its period began, so a new version never rewrites an old
 * report. The catalogue so far becomes the first version, from 2000-01-01.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('minimum_standards', (table) => {
      table.date('effective_from').notNullable().defaultTo('2000-01-01')
    })
    this.schema.alterTable('minimum_standards', (table) => {
      table.dropUnique(['code'])
      table.unique(['effective_from', 'code'])
    })
  }

  async down() {
    this.defer(async (db) => {
      /* Only the first version fits the old shape (one row per code). */
      await db.from('minimum_standards').whereNot('effective_from', '2000-01-01').delete()
    })
    this.schema.alterTable('minimum_standards', (table) => {
      table.dropUnique(['effective_from', 'code'])
      table.unique(['code'])
    })
    this.schema.raw('ALTER TABLE minimum_standards DROP COLUMN effective_from')
  }
}
