import { DateTime } from 'luxon'
import { BaseModel, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { OrganisationKind } from '#domain/roles'
import { organisationIds, seesAllOrganisations } from '#domain/roles'
import Membership from '#models/membership'
import type User from '#models/user'

export default class Organisation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare shortName: string | null

  @column()
  declare kind: OrganisationKind

  @column()
  declare municipality: string | null

  @column()
  declare status: 'active' | 'inactive'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  /**
   * The tenancy rule in one place: organisations a user may see. Requires
   * the user's memberships to be loaded.
   */
  static visibleTo = scope((query, user: User) => {
    if (seesAllOrganisations(user.memberships)) return
    query.whereIn('organisations.id', organisationIds(user.memberships))
  })
}
