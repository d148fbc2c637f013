import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { CheckResult } from '#domain/monitoring/monitoring'
import ExpenseLine from '#models/expense_line'

/** One item of a visit's checklist: a minimum standard, or a sampled admitted expense line. */
export default class MonitoringCheck extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare visitId: number

  @column()
  declare position: number

  @column()
  declare standardCode: string | null

  @column()
  declare expenseLineId: number | null

  @column()
  declare selection: 'largest' | 'random' | null

  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare admittedCents: number | null

  @column()
  declare currency: string | null

  @column()
  declare result: CheckResult | null

  @column()
  declare comment: string | null

  @belongsTo(() => ExpenseLine)
  declare expenseLine: BelongsTo<typeof ExpenseLine>
}
