import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

/** A follow-up note on an action point: the owner's answer or the monitor's reply. */
export default class ActionPointNote extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare actionPointId: number

  @column()
  declare authorId: number

  @column()
  declare body: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>
}
