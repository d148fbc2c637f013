import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'organisations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('name', 255).notNullable()
      table.string('short_name', 60).nullable()
      table
        .string('kind', 32)
        .notNullable()
        .checkIn(
          ['contracting_authority', 'lead_grantee', 'ngo', 'ministry'],
          'organisations_kind_check'
        )
        .index()
      table.string('municipality', 80).nullable().index()
      table.string('status', 16).notNullable().defaultTo('active').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['name'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
