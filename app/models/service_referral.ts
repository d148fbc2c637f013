import { BaseModel, column } from '@adonisjs/lucid/orm'

/** How many people a referral source sent to the shelter in the period. */
export default class ServiceReferral extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseReportId: number

  @column()
  declare source: string

  @column()
  declare count: number
}
