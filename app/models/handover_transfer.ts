import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

/**
 * Money the state actually transferred to a shelter against a commitment.
 * One recorded with a mistake is cancelled with a reason, never deleted.
 */
export default class HandoverTransfer extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare commitmentId: number

  @column()
  declare shelterId: number

  @column()
  declare year: number

  @column.date()
  declare transferredOn: DateTime

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column()
  declare reference: string | null

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
