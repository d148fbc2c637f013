import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const ledgerKinds = ['commitment', 'decommitment', 'disbursement', 'recovery'] as const
export type LedgerKind = (typeof ledgerKinds)[number]

/**
 * One money movement of a grant: the commitment at signature, the part of
 * it a budget change releases (decommitment), each disbursement, each
 * recovery received. Totals are views of these rows.
 */
export default class LedgerEntry extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare kind: LedgerKind

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column.date()
  declare bookedOn: DateTime

  @column()
  declare paymentId: number | null

  @column()
  declare recoveryOrderId: number | null

  @column()
  declare description: string

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
