import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { Logframe as LogframeDocument } from '#domain/narrative/logframe'

/** The logframe of a full application or of a grant (one of the two ids is set). */
export default class Logframe extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare applicationId: number | null

  @column()
  declare grantId: number | null

  @column()
  declare version: number

  @column({
    columnName: 'content_json',
    prepare: (value: LogframeDocument) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as LogframeDocument,
  })
  declare content: LogframeDocument

  @column()
  declare updatedById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
