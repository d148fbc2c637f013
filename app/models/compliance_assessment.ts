import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type ComplianceLevel = 'met' | 'partly' | 'not_met'

/** The grantee's self-assessment against one minimum standard, and the verifier's confirmation or correction. */
export default class ComplianceAssessment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare expenseReportId: number

  @column()
  declare standardCode: string

  @column()
  declare selfLevel: ComplianceLevel

  @column()
  declare evidence: string | null

  @column()
  declare comment: string | null

  @column()
  declare verifierLevel: ComplianceLevel | null

  @column()
  declare verifierComment: string | null

  @column()
  declare verifiedById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}
