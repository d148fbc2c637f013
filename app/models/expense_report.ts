import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import ComplianceAssessment from '#models/compliance_assessment'
import ExpenseLine from '#models/expense_line'
import ExpenseReportVersion from '#models/expense_report_version'
import Grant from '#models/grant'
import ServiceReferral from '#models/service_referral'
import ServiceStatistic from '#models/service_statistic'

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

  /** How many times the report was submitted. */
  @column()
  declare version: number

  @column.dateTime()
  declare verificationStartedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>

  @hasMany(() => ExpenseLine, { onQuery: (q) => q.orderBy('position').orderBy('id') })
  declare lines: HasMany<typeof ExpenseLine>

  @hasMany(() => ExpenseReportVersion, { onQuery: (q) => q.orderBy('id') })
  declare versions: HasMany<typeof ExpenseReportVersion>

  @hasMany(() => ComplianceAssessment)
  declare assessments: HasMany<typeof ComplianceAssessment>

  @hasMany(() => ServiceStatistic)
  declare statistics: HasMany<typeof ServiceStatistic>

  @hasMany(() => ServiceReferral)
  declare referrals: HasMany<typeof ServiceReferral>

  /** Lines may change while the grantee prepares or revises the report. */
  get isEditable() {
    return this.status === 'draft' || this.status === 'returned'
  }
}
