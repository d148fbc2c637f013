import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Money the state actually transferred to a shelter against a commitment. */
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
}
