import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ContingencyReleaseStatus, ReleaseHeading } from '#domain/grants/contingency'
import Grant from '#models/grant'
import User from '#models/user'

/**
 * A contingency release (DOMAIN-RULES §3): the grantee's written request to
 * move an amount from the contingency reserve to a heading, and the funder's
 * decision on it. TEC, F and the contractual share never change by it.
 */
export default class ContingencyRelease extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare heading: ReleaseHeading

  @column({ consume: Number })
  declare amountCents: number

  @column()
  declare currency: string

  @column()
  declare justification: string

  @column()
  declare status: ContingencyReleaseStatus

  @column()
  declare requestedById: number

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

  @belongsTo(() => User, { foreignKey: 'requestedById' })
  declare requestedBy: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'decidedById' })
  declare decidedBy: BelongsTo<typeof User>

  get isPending() {
    return this.status === 'requested'
  }

  /** The releases of a grant, newest first. */
  static ofGrant(grantId: number, client?: QueryClientContract) {
    return ContingencyRelease.query({ client }).where('grant_id', grantId).orderBy('id', 'desc')
  }

  /** Σ approved releases of a grant, summed in SQL. */
  static async approvedCents(grantId: number, client?: QueryClientContract) {
    const rows = await ContingencyRelease.query({ client })
      .where('grant_id', grantId)
      .where('status', 'approved')
      .sum('amount_cents as total')
    return Number(rows[0]?.$extras.total ?? 0)
  }

  /** Σ approved releases of a grant per heading they moved money into, summed in SQL. */
  static async approvedCentsByHeading(grantId: number, client?: QueryClientContract) {
    const rows = await ContingencyRelease.query({ client })
      .where('grant_id', grantId)
      .where('status', 'approved')
      .groupBy('heading')
      .select('heading')
      .sum('amount_cents as total')
    return Object.fromEntries(
      rows.map((row) => [row.heading, Number(row.$extras.total)])
    ) as Partial<Record<ReleaseHeading, number>>
  }
}
