import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { VisitKind, VisitStatus } from '#domain/monitoring/monitoring'
import type { RiskReason } from '#domain/monitoring/risk'
import ActionPoint from '#models/action_point'
import Grant from '#models/grant'
import MonitoringCheck from '#models/monitoring_check'
import Organisation from '#models/organisation'
import User from '#models/user'

/** A monitoring visit of a grant: planned by risk, then reported with its checklist and findings. */
export default class MonitoringVisit extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare organisationId: number

  @column()
  declare kind: VisitKind

  @column()
  declare status: VisitStatus

  @column.date()
  declare plannedOn: DateTime

  @column.date()
  declare visitedOn: DateTime | null

  @column()
  declare leadUserId: number

  @column()
  declare leadOrganisationId: number

  @column()
  declare riskScore: number

  @column({
    prepare: (value: RiskReason[]) => JSON.stringify(value),
    consume: (value: string | RiskReason[]) =>
      typeof value === 'string' ? (JSON.parse(value) as RiskReason[]) : value,
  })
  declare riskReasons: RiskReason[]

  @column()
  declare sampleSeed: number | null

  @column()
  declare sampleSize: number | null

  @column()
  declare purpose: string | null

  @column()
  declare findings: string | null

  @column()
  declare reportedById: number | null

  @column.dateTime()
  declare reportedAt: DateTime | null

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => User, { foreignKey: 'leadUserId' })
  declare lead: BelongsTo<typeof User>

  @hasMany(() => MonitoringCheck, {
    foreignKey: 'visitId',
    onQuery: (q) => q.orderBy('position'),
  })
  declare checks: HasMany<typeof MonitoringCheck>

  @hasMany(() => ActionPoint, { foreignKey: 'visitId', onQuery: (q) => q.orderBy('id') })
  declare actionPoints: HasMany<typeof ActionPoint>
}
