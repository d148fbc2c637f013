import { DateTime } from 'luxon'
import {
  afterDelete,
  afterSave,
  BaseModel,
  belongsTo,
  column,
  hasMany,
  scope,
} from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { OrganisationKind } from '#domain/roles'
import { organisationIds, seesAllOrganisations } from '#domain/roles'
import Membership from '#models/membership'
import Municipality from '#models/municipality'
import OrganisationBankAccount from '#models/organisation_bank_account'
import type User from '#models/user'
import { AuthCache } from '#services/auth_cache'

export default class Organisation extends BaseModel {
  /** Members' memberships carry their organisation: a change is read afresh by every request. */
  @afterSave()
  @afterDelete()
  static forgetCachedAuth(organisation: Organisation) {
    AuthCache.forgetAll(organisation.$trx)
  }

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare shortName: string | null

  @column()
  declare kind: OrganisationKind

  @column()
  declare legalName: string | null

  @column()
  declare registrationNumber: string | null

  @column()
  declare fiscalNumber: string | null

  @column()
  declare municipalityCode: string | null

  @column()
  declare address: string | null

  @column()
  declare legalRepresentative: string | null

  @column()
  declare contactPerson: string | null

  @column()
  declare phone: string | null

  @column()
  declare email: string | null

  @column()
  declare website: string | null

  /** `pending`: registered by the NGO itself, not yet verified by the funder. */
  @column()
  declare status: 'active' | 'inactive' | 'pending'

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @column()
  declare verificationNote: string | null

  /** Only organisations the funder has verified (or registered itself) may apply. */
  get mayApply() {
    return this.status === 'active'
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  /** Its bank accounts; payment orders name the primary one (ADR 0020). */
  @hasMany(() => OrganisationBankAccount)
  declare bankAccounts: HasMany<typeof OrganisationBankAccount>

  @belongsTo(() => Municipality, { foreignKey: 'municipalityCode' })
  declare municipality: BelongsTo<typeof Municipality>

  /**
   * The tenancy rule in one place: organisations a user may see. Requires
   * the user's memberships to be loaded.
   */
  static visibleTo = scope((query, user: User) => {
    if (seesAllOrganisations(user.memberships)) return
    query.whereIn('organisations.id', organisationIds(user.memberships))
  })
}
