import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A logframe indicator: baseline, a target per year, and the statistic its actual value comes from. */
export default class Indicator extends BaseModel {
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
  declare measure: string

  @column()
  declare baselineYear: number

  @column()
  declare baselineValue: number

  @column({
    columnName: 'targets_json',
    prepare: (value: Record<string, number>) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as Record<string, number>,
  })
  declare targets: Record<string, number>

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
