import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** An in-app notification; its text is rendered from `kind` and `params` in the reader's language. */
export default class Notification extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare kind: string

  @column()
  declare dedupeKey: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  @column({
    prepare: (value: Record<string, string | number>) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as Record<string, string | number>,
  })
  declare params: Record<string, string | number>

  @column()
  declare href: string | null

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
