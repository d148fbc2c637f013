import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { TargetEntry } from '#domain/handover/targets'

/** A target of the plan for a year: for every shelter (no shelter) or one shelter's own. */
export default class HandoverTarget extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare shelterId: number | null

  @column()
  declare year: number

  @column()
  declare stateShareBp: number

  @column()
  declare municipalShareBp: number | null

  @column()
  declare note: string | null

  @column()
  declare setById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  toEntry(): TargetEntry {
    return { stateShareBp: this.stateShareBp, municipalShareBp: this.municipalShareBp }
  }
}
