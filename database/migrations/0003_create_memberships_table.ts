import { BaseSchema } from '@adonisjs/lucid/schema'

/** A role that a user holds in one organisation. */
export default class extends BaseSchema {
  protected tableName = 'memberships'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
        .index()
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
        .index()
      table
        .string('role', 32)
        .notNullable()
        .checkIn(
          [
            'applicant',
            'grant_manager',
            'finance_officer',
            'assessor',
            'mlsw_official',
            'auditor',
            'admin',
          ],
          'memberships_role_check'
        )
        .index()
      table
        .integer('invited_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
        .index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['user_id', 'organisation_id', 'role'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
