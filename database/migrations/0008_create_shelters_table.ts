import { BaseSchema } from '@adonisjs/lucid/schema'

/** Shelters run by NGOs. The address is confidential (never exported). */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('shelters', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
        .index()
      table.string('name', 160).notNullable()
      table.string('municipality_code', 40).notNullable().references('municipalities.code').index()
      table.integer('capacity_beds').notNullable()
      table.check('capacity_beds > 0', {}, 'shelters_capacity_positive')
      table.text('target_groups').notNullable()
      table.date('opened_on').nullable()
      table.string('confidential_address', 255).nullable()
      table.string('status', 16).notNullable().defaultTo('open').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    /* Professional licences of shelter staff (MS-09): a role, never a person's name. */
    this.schema.createTable('staff_licences', (table) => {
      table.increments('id')
      table
        .integer('shelter_id')
        .unsigned()
        .notNullable()
        .references('shelters.id')
        .onDelete('CASCADE')
        .index()
      table.string('role_title', 120).notNullable()
      table.string('licence_number', 60).notNullable()
      table.date('expires_on').notNullable().index()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('staff_licences')
    this.schema.dropTable('shelters')
  }
}
