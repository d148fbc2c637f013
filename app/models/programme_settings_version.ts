import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ProgrammeSettings } from '#domain/settings/programme_settings'
import User from '#models/user'

/** One version of the programme settings, in force from its date until the next one. */
export default class ProgrammeSettingsVersion extends BaseModel {
  static table = 'programme_settings'

  @column({ isPrimary: true })
  declare id: number

  @column.date()
  declare effectiveFrom: DateTime

  @column({
    columnName: 'values_json',
    prepare: (value: ProgrammeSettings) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as ProgrammeSettings,
  })
  declare values: ProgrammeSettings

  @column()
  declare createdById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'createdById' })
  declare createdBy: BelongsTo<typeof User>

  get effectiveFromIso() {
    return this.effectiveFrom.toISODate()!
  }
}
