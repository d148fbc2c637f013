import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A payment made on an approved request; one per request, recorded once. */
export default class Payment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare paymentRequestId: number

  @column()
  declare grantId: number

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column.date()
  declare valueDate: DateTime

  @column()
  declare bankReference: string

  @column()
  declare idempotencyKey: string

  /** SHA-256 of the canonical request body recorded with the key (null before it was kept). */
  @column()
  declare requestHash: string | null

  @column()
  declare recordedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
