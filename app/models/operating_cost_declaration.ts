import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import ExpenseReport from '#models/expense_report'
import User from '#models/user'

const cents = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * The shelter's total operating cost from all sources for a report's
 * period: declared by the grantee, accepted (verified) by the verifier.
 */
export default class OperatingCostDeclaration extends BaseModel {
  static table = 'operating_cost_declarations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseReportId: number

  @column()
  declare currency: string

  @column({ consume: Number })
  declare declaredCents: number

  @column()
  declare declarationNote: string | null

  @column()
  declare declaredById: number

  @column.dateTime()
  declare declaredAt: DateTime

  @column({ consume: cents })
  declare verifiedCents: number | null

  @column()
  declare verificationNote: string | null

  @column()
  declare verifiedById: number | null

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => ExpenseReport)
  declare report: BelongsTo<typeof ExpenseReport>

  @belongsTo(() => User, { foreignKey: 'declaredById' })
  declare declaredBy: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'verifiedById' })
  declare verifiedBy: BelongsTo<typeof User>

  get isVerified() {
    return this.verifiedCents !== null
  }
}
