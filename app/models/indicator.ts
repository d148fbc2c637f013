import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { IndicatorRule } from '#domain/results/framework'

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

  @column()
  declare resultId: number | null

  @column()
  declare unit: string

  @column()
  declare sourceOfVerification: string

  @column({
    columnName: 'disaggregation_json',
    prepare: (value: string[]) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value ?? '[]') as string[],
  })
  declare disaggregation: string[]

  /** How the actual value is obtained (`#domain/results/framework`). */
  @column()
  declare rule: IndicatorRule

  @column()
  declare updatedById: number | null

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
