import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DecisionKind } from '#domain/licences/licence'
import User from '#models/user'

/** A suspension, revocation or reinstatement: who, when, why. */
export default class LicenceDecision extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare licenceId: number

  @column()
  declare kind: DecisionKind

  @column.date()
  declare effectiveOn: DateTime

  @column()
  declare reason: string

  @column()
  declare decidedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'decidedById' })
  declare decidedBy: BelongsTo<typeof User>
}
