import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'organisations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('name', 255).notNullable().index()
      table.string('legal_name', 255).nullable()
      table.string('short_name', 60).nullable()
      table
        .string('kind', 32)
        .notNullable()
        .checkIn(
          ['contracting_authority', 'lead_grantee', 'ngo', 'ministry'],
          'organisations_kind_check'
        )
        .index()
      table.string('registration_number', 40).nullable().index()
      table.string('fiscal_number', 40).nullable()
      table.string('municipality_code', 40).nullable().references('municipalities.code').index()
      table.string('address', 255).nullable()
      table.string('contact_person', 160).nullable()
      table.string('phone', 40).nullable()
      table.string('email', 254).nullable()
      table.string('website', 255).nullable()
      table.string('iban', 34).nullable()
      table.string('bank_name', 120).nullable()
      table.string('status', 16).notNullable().defaultTo('active').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
