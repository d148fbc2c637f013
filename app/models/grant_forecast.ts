import type { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { toCents } from '#domain/money'

/** The grantee's forecast of one reporting period, excluding contingency (DOMAIN-RULES §4). */
export default class GrantForecast extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare periodNumber: number

  @column()
  declare currency: string

  @column({ consume: toCents })
  declare forecastCents: number

  @column()
  declare updatedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
