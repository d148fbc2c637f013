import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { BudgetLineInput } from '#domain/budget/budget'
import type {
  BudgetChangeKind,
  BudgetChangeStatus,
  StoredAnalysis,
} from '#domain/grants/budget_changes'
import Grant from '#models/grant'
import User from '#models/user'

const json = <T>() => ({
  prepare: (value: T) => JSON.stringify(value),
  consume: (value: string) => JSON.parse(value) as T,
})

/**
 * A proposed change of a grant's budget (DOMAIN-RULES §5): a notification
 * (recorded and applied at once) or an addendum request (applied when the
 * funder approves it). `toVersion` is the budget version it wrote.
 */
export default class BudgetChange extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare fromVersion: number

  @column()
  declare toVersion: number | null

  @column()
  declare kind: BudgetChangeKind

  @column()
  declare status: BudgetChangeStatus

  @column.date()
  declare effectiveOn: DateTime

  @column()
  declare justification: string

  /** The proposed lines, as typed (quantity text, unit cost in cents). */
  @column({ columnName: 'proposal_json', ...json<(BudgetLineInput & { lineKey: string })[]>() })
  declare proposal: (BudgetLineInput & { lineKey: string })[]

  /** Per heading base, proposed, change and basis points; F, TEC and co-financing before and after. */
  @column({ columnName: 'analysis_json', ...json<StoredAnalysis>() })
  declare analysis: StoredAnalysis

  @column()
  declare currency: string

  @column({ consume: Number })
  declare funderBeforeCents: number

  @column({ consume: Number })
  declare funderAfterCents: number

  @column()
  declare proposedById: number

  @column()
  declare decidedById: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare decisionComment: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>

  @belongsTo(() => User, { foreignKey: 'proposedById' })
  declare proposedBy: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'decidedById' })
  declare decidedBy: BelongsTo<typeof User>

  /** An addendum request waiting for the funder's decision. */
  get isPending() {
    return this.status === 'requested'
  }

  /** The latest changes of a grant, newest first (for the grant page). */
  static latestOf(grantId: number, limit = 5) {
    return BudgetChange.query().where('grant_id', grantId).orderBy('id', 'desc').limit(limit)
  }
}
