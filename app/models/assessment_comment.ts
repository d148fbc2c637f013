import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class AssessmentComment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare assignmentId: number

  @column()
  declare sectionKey: string

  @column()
  declare comment: string
}
