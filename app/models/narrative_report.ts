import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { NarrativeContent, NarrativeStatus } from '#domain/narrative/narrative_report'

/** The narrative report of a grant for one reporting period (interim or final). */
export default class NarrativeReport extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare periodNumber: number

  @column()
  declare kind: 'interim' | 'final'

  @column()
  declare status: NarrativeStatus

  /** Counts the submissions: version n is the n-th submitted text. */
  @column()
  declare version: number

  @column({
    columnName: 'content_json',
    prepare: (value: NarrativeContent) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as NarrativeContent,
  })
  declare content: NarrativeContent

  @column()
  declare submittedById: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column()
  declare verifiedById: number | null

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @column()
  declare approvedById: number | null

  @column.dateTime()
  declare approvedAt: DateTime | null

  @column()
  declare returnComment: string | null

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
