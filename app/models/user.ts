import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { afterDelete, afterSave, BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { Role } from '#domain/roles'
import { hasAnyRole, hasRole, navigationFor, seesAllOrganisations } from '#domain/roles'
import Membership from '#models/membership'
import { ThrottledAccessTokensProvider } from '#services/access_tokens_provider'
import { AuthCache } from '#services/auth_cache'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder) {
  static accessTokens = new ThrottledAccessTokensProvider({
    tokenableModel: User,
    expiresIn: '30 days',
    prefix: 'sg_',
    table: 'auth_access_tokens',
    type: 'auth_token',
    tokenSecretLength: 40,
  })

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fullName: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare locale: string | null

  @column({ consume: (value) => Boolean(value) })
  declare isActive: boolean

  /** The TOTP secret, encrypted with APP_KEY; null until enrolment is confirmed. */
  @column({ serializeAs: null })
  declare twoFactorSecret: string | null

  @column.dateTime()
  declare twoFactorEnabledAt: DateTime | null

  /** The last TOTP time step accepted, so that a code works only once. */
  @column({ serializeAs: null, consume: (value) => (value === null ? null : Number(value)) })
  declare twoFactorLastStep: number | null

  get hasTwoFactor() {
    return Boolean(this.twoFactorEnabledAt && this.twoFactorSecret)
  }

  @column.dateTime()
  declare emailConfirmedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  /** A saved or deleted user (deactivation, password, 2FA) is read afresh by the next request. */
  @afterSave()
  @afterDelete()
  static forgetCachedAuth(user: User) {
    AuthCache.forgetUser(user.id, user.$trx)
  }

  /** Loads the memberships (with their organisations) once per request. */
  async loadMemberships() {
    if (!this.$preloaded.memberships) {
      await (this as User).load('memberships', (query) =>
        query.preload('organisation').orderBy('id')
      )
    }
    return this.memberships
  }

  hasRole(role: Role) {
    return hasRole(this.memberships, role)
  }

  hasAnyRole(wanted: readonly Role[]) {
    return hasAnyRole(this.memberships, wanted)
  }

  hasRoleIn(organisationId: number, role: Role) {
    return this.memberships.some((m) => m.organisationId === organisationId && m.role === role)
  }

  belongsTo(organisationId: number) {
    return this.memberships.some((m) => m.organisationId === organisationId)
  }

  get seesAllOrganisations() {
    return seesAllOrganisations(this.memberships)
  }

  get navigation() {
    return navigationFor(this.memberships)
  }

  get initials() {
    const [first, last] = this.fullName.split(' ')
    return `${first?.charAt(0) ?? ''}${last?.charAt(0) ?? ''}`.toUpperCase()
  }
}
