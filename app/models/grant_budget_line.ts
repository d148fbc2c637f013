import { BaseModel, beforeCreate, column } from '@adonisjs/lucid/orm'
import type { BudgetHeading } from '#domain/budget/budget'

/** A line of a grant's budget (version 1 is the budget of the full application). */
export default class GrantBudgetLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare version: number

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

  @column({ consume: Number })
  declare totalCents: number

  @column()
  declare thirdParty: string | null

  /** Set by the funder's finance officer: late final audit, evaluation and report costs are accepted here. */
  @column({ consume: (v) => Boolean(v) })
  declare lateCostsAccepted: boolean

  /**
   * A new budget version keeps the verifier's late-cost setting of the line
   * with the same heading and label in the version before it.
   */
  @beforeCreate()
  static async carryLateCostSetting(line: GrantBudgetLine) {
    if (line.lateCostsAccepted !== undefined || !(line.version > 1)) return
    const previous = await GrantBudgetLine.query({ client: line.$trx })
      .where('grant_id', line.grantId)
      .where('version', line.version - 1)
      .where('heading', line.heading)
      .where('label', line.label)
      .where('late_costs_accepted', true)
      .first()
    line.lateCostsAccepted = previous !== null
  }
}
