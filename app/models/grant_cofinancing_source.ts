import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { CofinancingKind } from '#domain/calls/cofinancing'

/** One co-financing source of a grant, copied from its full application at award. */
export default class GrantCofinancingSource extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare grantId: number

  @column()
  declare position: number

  @column()
  declare kind: CofinancingKind

  @column()
  declare source: string

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number
}
