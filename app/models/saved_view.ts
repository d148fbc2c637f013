import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A person's named set of filters of a list page (the search page), kept as its query string. */
export default class SavedView extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare name: string

  /** The page the view belongs to (`search`). */
  @column()
  declare page: string

  /** The filters as a query string, without the page number. */
  @column()
  declare query: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
