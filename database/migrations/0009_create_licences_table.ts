import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * MLSW licences, their decisions (suspension, revocation, reinstatement)
 * and renewal requests. Status is derived from these rows and the date.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('licences', (table) => {
      table.increments('id')
      table.string('number', 60).notNullable().unique()
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
        .index()
      table
        .integer('shelter_id')
        .unsigned()
        .nullable()
        .references('shelters.id')
        .onDelete('SET NULL')
        .index()
      table
        .string('level', 16)
        .notNullable()
        .checkIn(['basic', 'secondary', 'higher'], 'licences_level_check')
      table.text('services').notNullable()
      table.date('issued_on').notNullable()
      table.date('valid_until').notNullable().index()
      table.check('valid_until >= issued_on', {}, 'licences_dates_check')
      table.integer('replaces_licence_id').unsigned().nullable().references('licences.id').index()
      table.string('decision_file_key', 255).nullable()
      table.string('decision_file_name', 255).nullable()
      table.integer('granted_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('licence_decisions', (table) => {
      table.increments('id')
      table
        .integer('licence_id')
        .unsigned()
        .notNullable()
        .references('licences.id')
        .onDelete('CASCADE')
        .index()
      table
        .string('kind', 16)
        .notNullable()
        .checkIn(['suspended', 'revoked', 'reinstated'], 'licence_decisions_kind_check')
        .index()
      table.date('effective_on').notNullable()
      table.text('reason').notNullable()
      table.integer('decided_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('licence_renewals', (table) => {
      table.increments('id')
      table
        .integer('licence_id')
        .unsigned()
        .notNullable()
        .references('licences.id')
        .onDelete('CASCADE')
        .index()
      table.date('requested_on').notNullable()
      table
        .string('outcome', 16)
        .nullable()
        .checkIn(['granted', 'refused'], 'licence_renewals_outcome_check')
        .index()
      table.date('decided_on').nullable()
      table.text('reason').nullable()
      table.integer('new_licence_id').unsigned().nullable().references('licences.id').index()
      table.integer('recorded_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('licence_renewals')
    this.schema.dropTable('licence_decisions')
    this.schema.dropTable('licences')
  }
}
