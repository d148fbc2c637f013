import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A row's problem as stored with the import: a message key and its values,
 * said in the reader's language where shown (`importErrorText`). Imports
 * refused before messages were keys hold their English `message` instead.
 */
export interface StoredImportError {
  row: number
  column: string
  key?: string
  values?: Record<string, string | number>
  message?: string
}

/** An import of expense lines from CSV or XLSX, run as a job with its progress. */
export default class ExpenseImport extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseReportId: number

  @column()
  declare status: 'queued' | 'running' | 'failed' | 'interrupted' | 'done'

  @column()
  declare fileName: string

  @column()
  declare fileKey: string

  @column()
  declare totalRows: number

  @column()
  declare processedRows: number

  @column()
  declare importedLines: number

  @column({
    columnName: 'errors_json',
    prepare: (value: StoredImportError[]) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as StoredImportError[],
  })
  declare errors: StoredImportError[]

  @column()
  declare createdById: number

  /** When a refused import was dismissed from the report page (it stays on record). */
  @column.dateTime()
  declare dismissedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
