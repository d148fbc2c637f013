import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A signed declaration of impartiality and confidentiality for one call. */
export default class AssessorDeclaration extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare callId: number

  @column()
  declare userId: number

  @column.dateTime()
  declare signedAt: DateTime
}
