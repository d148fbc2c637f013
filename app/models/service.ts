import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Reference data: a licensed social service (DOMAIN-RULES §7), retired from a date, never deleted. */
export default class Service extends BaseModel {
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare code: string

  @column()
  declare nameEn: string

  @column()
  declare nameSq: string

  @column()
  declare nameSr: string

  @column.date()
  declare retiredOn: DateTime | null

  /** The name in the page's language (en, sq or sr-Latn). */
  nameIn(locale: string) {
    if (locale === 'sq') return this.nameSq
    if (locale.startsWith('sr')) return this.nameSr
    return this.nameEn
  }
}
