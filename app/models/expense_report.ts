import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Grant from '#models/grant'

export const expenseReportStatuses = [
  'draft',
  'submitted',
  'under_verification',
  'returned',
  'approved',
] as const
export type ExpenseReportStatus = (typeof expenseReportStatuses)[number]

/** An expense report of one reporting period: what the grantee claims and what was admitted. */
export default class ExpenseReport extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare periodNumber: number

  @column()
  declare kind: 'interim' | 'final'

  @column()
  declare status: ExpenseReportStatus

  @column()
  declare currency: string

  @column({ consume: Number })
  declare claimedCents: number

  @column({ consume: (v) => (v === null ? null : Number(v)) })
  declare admittedCents: number | null

  @column()
  declare summary: string | null

  @column()
  declare returnComment: string | null

  @column()
  declare submittedById: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column()
  declare decidedById: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>
}
