import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { BudgetHeading } from '#domain/budget/budget'

export default class ApplicationBudgetLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare applicationId: number

  @column()
  declare position: number

  @column()
  declare heading: BudgetHeading

  @column()
  declare label: string

  @column()
  declare unit: string

  @column()
  declare quantityHundredths: number

  @column({ consume: Number })
  declare unitCostCents: number

  @column()
  declare thirdParty: string | null

  /** The quantity as the decimal text people type: 225 → "2.25". */
  get quantity() {
    const whole = Math.floor(this.quantityHundredths / 100)
    const fraction = this.quantityHundredths % 100
    return fraction === 0
      ? String(whole)
      : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`
  }
}
