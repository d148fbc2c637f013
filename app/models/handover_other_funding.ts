import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { EnteredSource } from '#domain/handover/position'

/** Funding from a municipality, another donor or the shelter's own income, entered by the MLSW. */
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
}
