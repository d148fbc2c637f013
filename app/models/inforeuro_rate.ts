import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A monthly InforEuro rate: units of `currency` per 1 EUR, as integer
 * micro-units (117.5432 → 117543200), for the month `YYYY-MM`.
 */
export default class InforeuroRate extends BaseModel {
  static table = 'inforeuro_rates'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare currency: string

  @column()
  declare month: string

  @column({ consume: Number })
  declare rateMicro: number

  @column()
  declare importedById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
