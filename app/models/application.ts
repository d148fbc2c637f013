import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ApplicationStatus } from '#domain/calls/application_lifecycle'
import type { Coverage } from '#domain/licences/coverage'
import type { EligibilityWarning } from '#domain/calls/eligibility_warnings'
import ApplicationBudgetLine from '#models/application_budget_line'
import ApplicationCofinancingSource from '#models/application_cofinancing_source'
import AssessorAssignment from '#models/assessor_assignment'
import Call from '#models/call'
import Organisation from '#models/organisation'
import type User from '#models/user'
import { organisationIds } from '#domain/roles'

const json = <T>() => ({
  prepare: (value: T | null) =>
    value === null || value === undefined ? null : JSON.stringify(value),
  consume: (value: string | null) => (value ? (JSON.parse(value) as T) : null),
})

const cents = (value: unknown) => (value === null || value === undefined ? null : Number(value))

export interface LogframeRow {
  level: 'objective' | 'result' | 'indicator'
  text: string
  baseline?: string
  target?: string
}

export interface CofinancingSource {
  source: string
  amountCents: number
}

export default class Application extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare callId: number

  @column()
  declare organisationId: number

  @column()
  declare status: ApplicationStatus

  @column()
  declare title: string

  @column()
  declare summary: string | null

  @column()
  declare objectives: string | null

  @column()
  declare targetGroups: string | null

  @column()
  declare currency: string

  @column({ consume: cents })
  declare estimatedTotalCents: number | null

  @column({ consume: cents })
  declare requestedCents: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column.dateTime()
  declare withdrawnAt: DateTime | null

  @column(json<Record<string, boolean>>())
  declare adminChecklist: Record<string, boolean> | null

  @column({ consume: (value) => (value === null || value === undefined ? null : Boolean(value)) })
  declare isAdminCompliant: boolean | null

  @column(json<Coverage>())
  declare licenceCheck: Coverage | null

  @column()
  declare adminCheckedById: number | null

  @column.dateTime()
  declare adminCheckedAt: DateTime | null

  @column()
  declare conceptScoreHundredths: number | null

  @column()
  declare conceptRank: number | null

  @column.date()
  declare periodStartOn: DateTime | null

  @column.date()
  declare periodEndOn: DateTime | null

  @column(json<Record<string, string>>())
  declare narrative: Record<string, string> | null

  /** Free-text logframe rows of applications made before the structured builder: read only (ADR 0036). */
  @column(json<LogframeRow[]>())
  declare logframe: LogframeRow[] | null

  @column(json<CofinancingSource[]>())
  declare cofinancingSources: CofinancingSource[] | null

  @column({ consume: cents })
  declare fullRequestedCents: number | null

  @column({ consume: cents })
  declare fullTotalCents: number | null

  @column.dateTime()
  declare fullSubmittedAt: DateTime | null

  @column()
  declare fullScoreHundredths: number | null

  @column()
  declare fullRank: number | null

  @column({ consume: (value) => Boolean(value) })
  declare isEliminated: boolean

  @column()
  declare selection: 'selected' | 'reserve' | 'rejected' | null

  @column()
  declare eligibility: 'eligible' | 'ineligible' | null

  @column()
  declare eligibilityNote: string | null

  @column()
  declare eligibilityCheckedById: number | null

  @column.dateTime()
  declare eligibilityCheckedAt: DateTime | null

  /** The warnings shown when eligibility was recorded (stored with the decision). */
  @column(json<EligibilityWarning[]>())
  declare eligibilityWarnings: EligibilityWarning[] | null

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

  @belongsTo(() => Call)
  declare call: BelongsTo<typeof Call>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @hasMany(() => ApplicationBudgetLine, { onQuery: (q) => q.orderBy('position') })
  declare budgetLines: HasMany<typeof ApplicationBudgetLine>

  @hasMany(() => ApplicationCofinancingSource, { onQuery: (q) => q.orderBy('position') })
  declare cofinancingRows: HasMany<typeof ApplicationCofinancingSource>

  @hasMany(() => AssessorAssignment)
  declare assignments: HasMany<typeof AssessorAssignment>

  /**
   * Who sees an application: the applicant organisation's people, the
   * grant managers of the call's funder, and assessors assigned to it who
   * signed the call's declaration. Anyone else gets a 404.
   */
  static visibleTo = scope((query, user: User) => {
    if (user.hasRole('admin')) return
    const ownOrganisations = organisationIds(user.memberships)
    const funders = user.memberships
      .filter((m) => m.role === 'grant_manager')
      .map((m) => m.organisationId)
    query.where((w) => {
      w.whereIn('applications.organisation_id', ownOrganisations)
        .orWhereIn('applications.call_id', (calls) =>
          calls.from('calls').select('calls.id').whereIn('calls.funder_organisation_id', funders)
        )
        .orWhereIn('applications.id', (assigned) =>
          assigned
            .from('assessor_assignments')
            .join('applications as assessed', 'assessed.id', 'assessor_assignments.application_id')
            .join('assessor_declarations', (join) => {
              join
                .on('assessor_declarations.call_id', 'assessed.call_id')
                .andOn('assessor_declarations.user_id', 'assessor_assignments.assessor_id')
            })
            .where('assessor_assignments.assessor_id', user.id)
            .whereNot('assessor_assignments.status', 'declined')
            .select('assessor_assignments.application_id')
        )
    })
  })
}
