import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { VatTreatment } from '#domain/reports/eligibility'
import ExpenseReceipt from '#models/expense_receipt'
import GrantBudgetLine from '#models/grant_budget_line'

export interface StoredFlag {
  code: string
  detail?: Record<string, string | number>
}

/** One expense of a report: what was bought, for which budget line and standard, and what was admitted. */
export default class ExpenseLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseReportId: number

  @column()
  declare position: number

  @column.date()
  declare spentOn: DateTime

  @column()
  declare supplier: string

  @column()
  declare description: string

  @column()
  declare grantBudgetLineId: number | null

  @column()
  declare standardCode: string

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column({ consume: (v) => (v === null ? null : Number(v)) })
  declare exchangeRateMicro: number | null

  @column()
  declare rateSource: string | null

  @column({ consume: Number })
  declare claimedCents: number

  @column()
  declare vat: VatTreatment

  @column()
  declare receiptNumber: string | null

  /** ISO 3166 alpha-2; XK (Kosovo) by default. */
  @column()
  declare supplierCountry: string

  @column({
    columnName: 'flags_json',
    prepare: (value: StoredFlag[]) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as StoredFlag[],
  })
  declare flags: StoredFlag[]

  @column({ consume: (v) => (v === null ? null : Number(v)) })
  declare admittedCents: number | null

  @column()
  declare admissionReason: string | null

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

  @belongsTo(() => GrantBudgetLine)
  declare budgetLine: BelongsTo<typeof GrantBudgetLine>

  @hasMany(() => ExpenseReceipt)
  declare receipts: HasMany<typeof ExpenseReceipt>
}
