import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A form field as typed: its name and value, in the order of the form. */
export type DraftField = [name: string, value: string]

/** What one person typed in one form for one object, autosaved (ADR 0021). */
export default class FormDraft extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare form: string

  @column()
  declare objectKey: string

  @column({
    prepare: (value: DraftField[]) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as DraftField[],
  })
  declare fields: DraftField[]

  @column.dateTime()
  declare updatedAt: DateTime
}
