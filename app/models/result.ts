import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Indicator from '#models/indicator'

/** A result of the programme's results framework (e.g. R7: service provision is sustainable). */
export default class Result extends BaseModel {
  static table = 'results'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare titleEn: string

  @column()
  declare titleSq: string

  @column()
  declare titleSr: string

  @column()
  declare updatedById: number | null

  @hasMany(() => Indicator)
  declare indicators: HasMany<typeof Indicator>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  titleIn(locale: string) {
    if (locale === 'sq') return this.titleSq
    if (locale.startsWith('sr')) return this.titleSr
    return this.titleEn
  }
}
