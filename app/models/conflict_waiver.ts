import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** The register of waived soft conflicts: a reason and a second grant manager's sign-off. */
export default class ConflictWaiver extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare applicationId: number

  @column()
  declare assessorId: number

  @column()
  declare reason: string

  @column()
  declare requestedById: number

  @column()
  declare approvedById: number | null

  @column.dateTime()
  declare approvedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
