import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Documents an organisation uploads once and every application reuses
 * (statute, registration certificate, financial statements, audit report),
 * each with its history of versions.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('organisation_documents', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
        .index()
      table
        .string('type', 40)
        .notNullable()
        .checkIn(
          ['statute', 'registration_certificate', 'financial_statements', 'audit_report'],
          'organisation_documents_type_check'
        )
        .index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['organisation_id', 'type'])
    })

    this.schema.createTable('document_versions', (table) => {
      table.increments('id')
      table
        .integer('organisation_document_id')
        .unsigned()
        .notNullable()
        .references('organisation_documents.id')
        .onDelete('CASCADE')
        .index()
      table.integer('version').notNullable()
      table.string('file_key', 255).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('content_type', 100).notNullable()
      table.integer('size_bytes').notNullable().checkPositive('document_versions_size_check')
      table.string('sha256', 64).notNullable()
      table.date('valid_until').nullable().index()
      table.integer('uploaded_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['organisation_document_id', 'version'])
    })
  }

  async down() {
    this.schema.dropTable('document_versions')
    this.schema.dropTable('organisation_documents')
  }
}
