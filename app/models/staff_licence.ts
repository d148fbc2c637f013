import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A professional licence held by a member of shelter staff, named by role. */
export default class StaffLicence extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare shelterId: number

  @column()
  declare roleTitle: string

  @column()
  declare licenceNumber: string

  @column.date()
  declare expiresOn: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
