import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { EnteredSource } from '#domain/handover/position'
import User from '#models/user'

/**
 * Funding from a municipality, another donor or the shelter's own income,
 * entered by the MLSW. One entered with a mistake is cancelled with a
 * reason, never deleted.
 */
export default class HandoverOtherFunding extends BaseModel {
  static table = 'handover_other_funding'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare shelterId: number

  @column()
  declare year: number

  @column()
  declare source: EnteredSource

  @column()
  declare funderName: string

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column()
  declare note: string | null

  @column()
  declare recordedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancelledById: number | null

  @column()
  declare cancellationReason: string | null

  @belongsTo(() => User, { foreignKey: 'cancelledById' })
  declare cancelledBy: BelongsTo<typeof User>

  /** Cancelled (recorded with a mistake): kept on record, left out of every figure. */
  get isCancelled() {
    return this.cancelledAt !== null
  }
}
