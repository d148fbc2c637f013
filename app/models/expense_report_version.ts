import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export interface ReportSnapshotLine {
  id: number
  spentOn: string
  supplier: string
  description: string
  budgetLine: string | null
  standard: string
  claimedCents: number
  admittedCents: number | null
  admissionReason: string | null
}

export interface ReportSnapshot {
  claimedCents: number
  admittedCents: number | null
  lines: ReportSnapshotLine[]
}

/** The report as it stood at each submission, return or approval: its history. */
export default class ExpenseReportVersion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseReportId: number

  @column()
  declare version: number

  @column()
  declare event: 'submitted' | 'returned' | 'approved'

  @column({
    columnName: 'snapshot_json',
    prepare: (value: ReportSnapshot) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value) as ReportSnapshot,
  })
  declare snapshot: ReportSnapshot

  @column()
  declare comment: string | null

  @column()
  declare createdById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
