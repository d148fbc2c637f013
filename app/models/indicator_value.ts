import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

/** A value of an indicator entered with evidence: the year, optionally a grant, who entered it. */
export default class IndicatorValue extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare indicatorId: number

  @column()
  declare year: number

  @column()
  declare grantId: number | null

  @column()
  declare value: number

  @column()
  declare evidenceFileKey: string

  @column()
  declare evidenceFileName: string

  @column({ columnName: 'evidence_sha256' })
  declare evidenceSha256: string

  @column()
  declare enteredById: number

  @belongsTo(() => User, { foreignKey: 'enteredById' })
  declare enteredBy: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
