import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class AssessmentScore extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare assignmentId: number

  @column()
  declare criterionKey: string

  @column()
  declare score: number
}
