import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One aggregate count of a shelter's report: a measure by sex, age band and origin. Never a person. */
export default class ServiceStatistic extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseReportId: number

  @column()
  declare measure: string

  @column()
  declare sex: 'female' | 'male'

  @column()
  declare ageBand: 'under_18' | 'adult'

  @column()
  declare origin: 'domestic' | 'foreign'

  @column()
  declare count: number
}
