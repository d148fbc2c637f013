import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** What a grantee must pay back when it was paid more than its final contribution. */
export default class RecoveryOrder extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column.date()
  declare dueOn: DateTime

  @column()
  declare status: 'open' | 'settled'

  @column.date()
  declare settledOn: DateTime | null

  @column()
  declare settlementReference: string | null

  @column()
  declare issuedById: number

  @column()
  declare settledById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
