import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { DocumentType } from '#domain/documents'
import DocumentVersion from '#models/document_version'

/** One kind of organisation document; its versions keep the history. */
export default class OrganisationDocument extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare type: DocumentType

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @hasMany(() => DocumentVersion)
  declare versions: HasMany<typeof DocumentVersion>
}
