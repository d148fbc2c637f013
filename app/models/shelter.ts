import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { organisationIds, seesAllOrganisations } from '#domain/roles'
import type { TargetGroup } from '#domain/shelters'
import Municipality from '#models/municipality'
import Organisation from '#models/organisation'
import StaffLicence from '#models/staff_licence'
import type User from '#models/user'

export default class Shelter extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare name: string

  @column()
  declare municipalityCode: string

  @column()
  declare capacityBeds: number

  @column({
    prepare: (value: TargetGroup[]) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as TargetGroup[],
  })
  declare targetGroups: TargetGroup[]

  @column.date()
  declare openedOn: DateTime | null

  /** Confidential: only the shelter's organisation and MLSW officials. */
  @column({ serializeAs: null })
  declare confidentialAddress: string | null

  @column()
  declare status: 'open' | 'closed'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => Municipality, { foreignKey: 'municipalityCode' })
  declare municipality: BelongsTo<typeof Municipality>

  @hasMany(() => StaffLicence)
  declare staffLicences: HasMany<typeof StaffLicence>

  /** Shelters of the organisations a user may see. */
  static visibleTo = scope((query, user: User) => {
    if (seesAllOrganisations(user.memberships)) return
    query.whereIn('shelters.organisation_id', organisationIds(user.memberships))
  })
}
