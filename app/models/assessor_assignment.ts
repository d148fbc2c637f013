import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Application from '#models/application'
import AssessmentComment from '#models/assessment_comment'
import AssessmentScore from '#models/assessment_score'
import User from '#models/user'

export type AssessmentStage = 'concept_note' | 'full_application'

export default class AssessorAssignment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare applicationId: number

  @column()
  declare assessorId: number

  @column()
  declare stage: AssessmentStage

  @column()
  declare status: 'assigned' | 'declined' | 'submitted'

  @column()
  declare declinedReason: string | null

  @column()
  declare waiverId: number | null

  @column()
  declare assignedById: number

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Application)
  declare application: BelongsTo<typeof Application>

  @belongsTo(() => User, { foreignKey: 'assessorId' })
  declare assessor: BelongsTo<typeof User>

  @hasMany(() => AssessmentScore, { foreignKey: 'assignmentId' })
  declare scores: HasMany<typeof AssessmentScore>

  @hasMany(() => AssessmentComment, { foreignKey: 'assignmentId' })
  declare comments: HasMany<typeof AssessmentComment>

  /** The score sheet as criterion key → points. */
  get sheet(): Record<string, number> {
    return Object.fromEntries(this.scores.map((s) => [s.criterionKey, s.score]))
  }
}
