import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { Logframe, LogframeChangeStatus } from '#domain/narrative/logframe'

/** A request to change a grant's logframe, decided by the funder's grant manager. */
export default class LogframeChange extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare status: LogframeChangeStatus

  /** The version of the grant's logframe the request was made against. */
  @column()
  declare baseVersion: number

  @column({
    columnName: 'content_json',
    prepare: (value: Logframe) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as Logframe,
  })
  declare content: Logframe

  @column()
  declare reason: string

  @column()
  declare proposedById: number

  @column.dateTime()
  declare proposedAt: DateTime

  @column()
  declare decidedById: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare decisionComment: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
