import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class Municipality extends BaseModel {
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare code: string

  @column()
  declare nameEn: string

  @column()
  declare nameSq: string

  @column()
  declare nameSr: string

  /** Retired from this date: no longer offered for new records, kept on old ones. */
  @column.date()
  declare retiredOn: DateTime | null

  /** The municipalities a new record may name on `today`: not retired by then. */
  static offeredOn(today: string) {
    return this.query()
      .where((q) => q.whereNull('retired_on').orWhere('retired_on', '>', today))
      .orderBy('name_en')
  }

  /** The name in the page's language (en, sq or sr-Latn). */
  nameIn(locale: string) {
    if (locale === 'sq') return this.nameSq
    if (locale.startsWith('sr')) return this.nameSr
    return this.nameEn
  }
}
