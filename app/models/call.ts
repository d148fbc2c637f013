import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { CallStatus } from '#domain/calls/call_lifecycle'
import type { Grid } from '#domain/calls/grid'
import type { LicenceService } from '#domain/licences/licence'
import { organisationIds } from '#domain/roles'
import Application from '#models/application'
import Organisation from '#models/organisation'
import type User from '#models/user'

const json = <T>() => ({
  prepare: (value: T) => JSON.stringify(value),
  consume: (value: string) => JSON.parse(value) as T,
})

export interface ChecklistItem {
  key: string
  label: string
}

export default class Call extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare reference: string

  @column()
  declare titleEn: string

  @column()
  declare titleSq: string | null

  @column()
  declare titleSr: string | null

  @column()
  declare descriptionEn: string | null

  @column()
  declare descriptionSq: string | null

  @column()
  declare descriptionSr: string | null

  @column()
  declare funderOrganisationId: number

  @column()
  declare parentGrantId: number | null

  @column()
  declare procedure: 'restricted' | 'open'

  @column()
  declare currency: string

  @column({ consume: Number })
  declare budgetEnvelopeCents: number

  @column({ consume: Number })
  declare minGrantCents: number

  @column({ consume: Number })
  declare maxGrantCents: number

  @column()
  declare maxFunderShareBp: number

  @column({ consume: Number })
  declare maxPerThirdPartyCents: number

  @column(json<LicenceService[]>())
  declare eligibleServices: LicenceService[]

  @column(json<ChecklistItem[]>())
  declare eligibilityChecklist: ChecklistItem[]

  @column(json<Grid>())
  declare conceptGrid: Grid

  @column(json<Grid>())
  declare fullGrid: Grid

  @column.dateTime()
  declare conceptDeadlineAt: DateTime

  @column.dateTime()
  declare fullDeadlineAt: DateTime | null

  @column()
  declare timezone: string

  @column()
  declare minDaysToConceptDeadline: number

  @column()
  declare minDaysToFullDeadline: number

  @column()
  declare shortlistMultipleBp: number

  @column()
  declare spreadFlagBp: number

  @column()
  declare maxRequestChangeBp: number

  /** I ≤ indirectCapBp of D and C ≤ contingencyCapBp of D: the programme settings in force when the call was created. */
  @column()
  declare indirectCapBp: number

  @column()
  declare contingencyCapBp: number

  /** Co-financing (TEC − F) ≥ this share of TEC: the programme setting in force when the call was created. */
  @column()
  declare cofinancingMinBp: number

  /** Shortest and longest implementation period a full application may propose, in months. */
  @column()
  declare minDurationMonths: number

  @column()
  declare maxDurationMonths: number

  /** Whether co-financing may come as contributions in kind. */
  @column({ consume: Boolean })
  declare allowsInKind: boolean

  @column()
  declare status: CallStatus

  @column.dateTime()
  declare publishedAt: DateTime | null

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Organisation, { foreignKey: 'funderOrganisationId' })
  declare funder: BelongsTo<typeof Organisation>

  @hasMany(() => Application)
  declare applications: HasMany<typeof Application>

  /**
   * Published calls are seen by every signed-in user; drafts only by the
   * funder's people (and programme administrators).
   */
  static visibleTo = scope((query, user: User) => {
    if (user.hasRole('admin')) return
    query.where((w) => {
      w.whereNot('calls.status', 'draft').orWhereIn(
        'calls.funder_organisation_id',
        organisationIds(user.memberships)
      )
    })
  })

  titleIn(locale: string) {
    if (locale === 'sq') return this.titleSq || this.titleEn
    if (locale.startsWith('sr')) return this.titleSr || this.titleEn
    return this.titleEn
  }

  descriptionIn(locale: string) {
    if (locale === 'sq') return this.descriptionSq || this.descriptionEn
    if (locale.startsWith('sr')) return this.descriptionSr || this.descriptionEn
    return this.descriptionEn
  }

  /** Whether the user manages this call: a grant manager of the funder. */
  isManagedBy(user: User) {
    return user.hasRoleIn(this.funderOrganisationId, 'grant_manager')
  }

  /** A sub-granting call to shelters: the licence-coverage rule applies. */
  get requiresLicence() {
    return this.eligibleServices.length > 0
  }
}
