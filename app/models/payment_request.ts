import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasOne } from '@adonisjs/lucid/types/relations'
import type { ReleaseCondition } from '#domain/grants/release_conditions'
import type { TrancheKind } from '#domain/grants/planned_schedule'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import Payment from '#models/payment'
import User from '#models/user'

export const paymentRequestStatuses = [
  'requested',
  'returned',
  'verified',
  'approved',
  'paid',
] as const
export type PaymentRequestStatus = (typeof paymentRequestStatuses)[number]

const nullableCents = { consume: (v: unknown) => (v === null ? null : Number(v)) }

/** A grantee's request for the next tranche, on its four-eyes path to payment. */
export default class PaymentRequest extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare number: number

  @column()
  declare kind: TrancheKind

  @column()
  declare period: number | null

  @column()
  declare expenseReportId: number | null

  @column()
  declare status: PaymentRequestStatus

  @column()
  declare currency: string

  @column({ consume: Number })
  declare scheduledCents: number

  @column(nullableCents)
  declare thresholdCents: number | null

  @column(nullableCents)
  declare fundedExpenditureCents: number | null

  @column({ consume: Number })
  declare reductionCents: number

  @column({ consume: Number })
  declare payableCents: number

  @column(nullableCents)
  declare verifiedCents: number | null

  @column()
  declare adjustmentReason: string | null

  @column()
  declare returnComment: string | null

  @column()
  declare heldReason: string | null

  @column({
    columnName: 'conditions_json',
    prepare: (value: ReleaseCondition[] | null) => (value === null ? null : JSON.stringify(value)),
    consume: (value: string | null) =>
      value === null ? null : (JSON.parse(value) as ReleaseCondition[]),
  })
  declare conditions: ReleaseCondition[] | null

  @column()
  declare requestedById: number

  @column.dateTime()
  declare requestedAt: DateTime

  @column()
  declare verifiedById: number | null

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @column()
  declare approvedById: number | null

  @column.dateTime()
  declare approvedAt: DateTime | null

  @column()
  declare returnedById: number | null

  @column.dateTime()
  declare returnedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>

  @belongsTo(() => ExpenseReport)
  declare expenseReport: BelongsTo<typeof ExpenseReport>

  @belongsTo(() => User, { foreignKey: 'requestedById' })
  declare requestedBy: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'verifiedById' })
  declare verifiedBy: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'approvedById' })
  declare approvedBy: BelongsTo<typeof User>

  @hasOne(() => Payment)
  declare payment: HasOne<typeof Payment>

  /** The amount the grant manager approves and the payment carries. */
  get amountCents() {
    return this.verifiedCents ?? this.payableCents
  }
}
