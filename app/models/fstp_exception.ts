import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Application from '#models/application'

/**
 * An exception to the per-third-party cap for one sub-grant, requested by
 * the lead grantee and decided by the lead grant's funder.
 */
export default class FstpException extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare parentGrantId: number

  @column()
  declare applicationId: number

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column()
  declare justification: string

  @column()
  declare status: 'requested' | 'approved' | 'refused'

  @column()
  declare decisionComment: string | null

  @column()
  declare requestedById: number

  @column()
  declare decidedById: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Application)
  declare application: BelongsTo<typeof Application>
}
