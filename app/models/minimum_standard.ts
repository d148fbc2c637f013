import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export interface Criterion {
  code: string
  text: { en: string; sq: string; sr: string }
}

/**
 * A minimum standard of care for shelters (DOMAIN-RULES §8), kept as data
 * the MLSW edits, in one version of the catalogue (`effectiveFrom`).
 */
export default class MinimumStandard extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare position: number

  @column()
  declare titleEn: string

  @column()
  declare titleSq: string

  @column()
  declare titleSr: string

  @column()
  declare descriptionEn: string

  @column()
  declare descriptionSq: string

  @column()
  declare descriptionSr: string

  @column({
    columnName: 'criteria_json',
    prepare: (value: Criterion[]) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as Criterion[],
  })
  declare criteria: Criterion[]

  @column()
  declare updatedById: number | null

  /** The version the row belongs to: in force from this date until the next version's. */
  @column.date()
  declare effectiveFrom: DateTime

  get effectiveFromIso() {
    return this.effectiveFrom.toISODate()!
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  /** The title in a locale (`sr-Latn` reads the Serbian column). */
  titleIn(locale: string) {
    if (locale === 'sq') return this.titleSq
    if (locale.startsWith('sr')) return this.titleSr
    return this.titleEn
  }

  descriptionIn(locale: string) {
    if (locale === 'sq') return this.descriptionSq
    if (locale.startsWith('sr')) return this.descriptionSr
    return this.descriptionEn
  }
}
