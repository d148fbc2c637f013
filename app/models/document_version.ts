import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

export default class DocumentVersion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationDocumentId: number

  @column()
  declare version: number

  @column({ serializeAs: null })
  declare fileKey: string

  @column()
  declare fileName: string

  @column()
  declare contentType: string

  @column()
  declare sizeBytes: number

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column.date()
  declare validUntil: DateTime | null

  @column()
  declare uploadedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'uploadedById' })
  declare uploadedBy: BelongsTo<typeof User>
}
