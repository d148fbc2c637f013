import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { NarrativeContent } from '#domain/narrative/narrative_report'

/** The text of a narrative report as it stood at a step (submitted, returned, verified, approved). */
export default class NarrativeReportVersion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare narrativeReportId: number

  @column()
  declare version: number

  @column()
  declare event: 'submitted' | 'returned' | 'verified' | 'approved'

  @column({
    columnName: 'content_json',
    prepare: (value: NarrativeContent) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as NarrativeContent,
  })
  declare content: NarrativeContent

  @column()
  declare comment: string | null

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
