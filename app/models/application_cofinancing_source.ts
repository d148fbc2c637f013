import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { CofinancingKind } from '#domain/calls/cofinancing'

/** One co-financing source of a full application (own funds, another donor, in kind). */
export default class ApplicationCofinancingSource extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare applicationId: number

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
