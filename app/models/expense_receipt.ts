import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A receipt file of an expense line, kept on the drive disk. */
export default class ExpenseReceipt extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseLineId: number

  @column()
  declare fileKey: string

  @column()
  declare fileName: string

  @column()
  declare contentType: string

  @column()
  declare sizeBytes: number

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column()
  declare uploadedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
