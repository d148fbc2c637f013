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

  /** The name in the page's language (en, sq or sr-Latn). */
  nameIn(locale: string) {
    if (locale === 'sq') return this.nameSq
    if (locale.startsWith('sr')) return this.nameSr
    return this.nameEn
  }
}
