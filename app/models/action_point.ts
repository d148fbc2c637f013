import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ActionPointStatus } from '#domain/monitoring/monitoring'
import ActionPointNote from '#models/action_point_note'
import Grant from '#models/grant'
import Organisation from '#models/organisation'
import User from '#models/user'

/** Something a visit found that must be put right: an owner, a due date, follow-up until closed. */
export default class ActionPoint extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare organisationId: number

  @column()
  declare visitId: number

  @column()
  declare checkId: number | null

  @column()
  declare title: string

  @column()
  declare description: string | null

  @column()
  declare ownerOrganisationId: number

  @column()
  declare ownerUserId: number | null

  @column.date()
  declare dueOn: DateTime

  @column()
  declare status: ActionPointStatus

  @column.dateTime()
  declare closedAt: DateTime | null

  @column()
  declare closedById: number | null

  @column()
  declare closingComment: string | null

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>

  @belongsTo(() => Organisation, { foreignKey: 'ownerOrganisationId' })
  declare ownerOrganisation: BelongsTo<typeof Organisation>

  @belongsTo(() => User, { foreignKey: 'ownerUserId' })
  declare ownerUser: BelongsTo<typeof User>

  @hasMany(() => ActionPointNote, { onQuery: (q) => q.orderBy('id') })
  declare notes: HasMany<typeof ActionPointNote>
}
