import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { NeedEntry, NeedMethod } from '#domain/handover/need'

/** The MLSW's choice of the need of one shelter and year: from reports at an occupancy, or entered. */
export default class HandoverNeed extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare shelterId: number

  @column()
  declare year: number

  @column()
  declare method: NeedMethod

  @column()
  declare occupancyBp: number

  @column()
  declare currency: string

  @column({ consume: (v) => (v === null ? null : Number(v)) })
  declare amountCents: number | null

  @column()
  declare justification: string | null

  @column()
  declare setById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  toEntry(): NeedEntry {
    return {
      method: this.method,
      occupancyBp: this.occupancyBp,
      amountCents: this.amountCents,
      justification: this.justification,
    }
  }
}
