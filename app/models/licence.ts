import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { LicenceFacts, LicenceLevel, LicenceService } from '#domain/licences/licence'
import { licenceStatus } from '#domain/licences/licence'
import { organisationIds, seesAllOrganisations } from '#domain/roles'
import LicenceDecision from '#models/licence_decision'
import LicenceRenewal from '#models/licence_renewal'
import Organisation from '#models/organisation'
import Shelter from '#models/shelter'
import type User from '#models/user'

export default class Licence extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: string

  @column()
  declare organisationId: number

  @column()
  declare shelterId: number | null

  @column()
  declare level: LicenceLevel

  @column({
    prepare: (value: LicenceService[]) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as LicenceService[],
  })
  declare services: LicenceService[]

  @column.date()
  declare issuedOn: DateTime

  @column.date()
  declare validUntil: DateTime

  @column()
  declare replacesLicenceId: number | null

  @column()
  declare decisionFileKey: string | null

  @column()
  declare decisionFileName: string | null

  @column()
  declare grantedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => Shelter)
  declare shelter: BelongsTo<typeof Shelter>

  @hasMany(() => LicenceDecision)
  declare decisions: HasMany<typeof LicenceDecision>

  @hasMany(() => LicenceRenewal)
  declare renewals: HasMany<typeof LicenceRenewal>

  static visibleTo = scope((query, user: User) => {
    if (seesAllOrganisations(user.memberships)) return
    query.whereIn('licences.organisation_id', organisationIds(user.memberships))
  })

  /** Loads what the status needs: decisions and renewals. */
  static withFacts = scope((query: ModelQueryBuilderContract<typeof Licence>) => {
    query
      .preload('decisions', (d) => d.orderBy('effective_on').orderBy('id'))
      .preload('renewals', (r) => r.orderBy('id'))
  })

  get pendingRenewal() {
    return this.renewals.find((renewal) => renewal.outcome === null) ?? null
  }

  /** The facts the domain rules read; decisions and renewals must be loaded. */
  toFacts(): LicenceFacts {
    return {
      id: this.id,
      number: this.number,
      services: this.services,
      issuedOn: this.issuedOn.toISODate()!,
      validUntil: this.validUntil.toISODate()!,
      decisions: this.decisions.map((d) => ({
        kind: d.kind,
        effectiveOn: d.effectiveOn.toISODate()!,
      })),
      hasPendingRenewal: this.pendingRenewal !== null,
    }
  }

  statusOn(today: string) {
    return licenceStatus(this.toFacts(), today)
  }
}
