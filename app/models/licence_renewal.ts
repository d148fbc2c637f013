import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A renewal request; open (outcome null) while the MLSW decides. */
export default class LicenceRenewal extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare licenceId: number

  @column.date()
  declare requestedOn: DateTime

  @column()
  declare outcome: 'granted' | 'refused' | null

  @column.date()
  declare decidedOn: DateTime | null

  @column()
  declare reason: string | null

  @column()
  declare newLicenceId: number | null

  @column()
  declare recordedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
