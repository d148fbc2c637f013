import { DateTime } from 'luxon'
import { afterDelete, afterSave, BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { Role } from '#domain/roles'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuthCache } from '#services/auth_cache'

export default class Membership extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare organisationId: number

  @column()
  declare role: Role

  @column()
  declare invitedById: number | null

  /** Manages the people of this organisation (ADR 0020). */
  @column({ consume: (value) => Boolean(value) })
  declare managesPeople: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  /** A role given or taken away holds from the member's next request. */
  @afterSave()
  @afterDelete()
  static forgetCachedAuth(membership: Membership) {
    AuthCache.forgetUser(membership.userId, membership.$trx)
  }
}
