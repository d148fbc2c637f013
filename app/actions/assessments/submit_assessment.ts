import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Grid, ScoreSheet } from '#domain/calls/grid'
import {
  averageHundredths,
  eliminatedSections,
  invalidScores,
  sheetTotal,
} from '#domain/calls/grid'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import AssessmentComment from '#models/assessment_comment'
import AssessmentScore from '#models/assessment_score'
import AssessorAssignment from '#models/assessor_assignment'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * An assessor submits scores per criterion and a comment per section. The
 * application's score is the average of the submitted assessments.
 */
export class SubmitAssessment {
  async handle(
    assignmentId: number,
    scores: ScoreSheet,
    comments: Record<string, string>,
    assessor: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const query = AssessorAssignment.query({ client: trx })
        .where('id', assignmentId)
        .where('assessor_id', assessor.id)
        .preload('application', (a) => a.preload('call'))
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const assignment = await query.firstOrFail()
      if (assignment.status !== 'assigned')
        throw new DomainConflictException(
          'ux.conflicts.this_assessment_is_already_submitted_or_declined'
        )
      const call = assignment.application.call
      const grid: Grid = assignment.stage === 'concept_note' ? call.conceptGrid : call.fullGrid
      const wrong = invalidScores(grid, scores)
      if (wrong.length > 0) {
        throw new DomainConflictException('ux.conflicts.scores_invalid', {
          criteria: wrong.join(', '),
        })
      }
      const keys = grid.sections.flatMap((s) => s.criteria.map((c) => c.key))
      await AssessmentScore.createMany(
        keys.map((criterionKey) => ({ assignmentId, criterionKey, score: scores[criterionKey] })),
        { client: trx }
      )
      const sectionComments = grid.sections
        .filter((s) => comments[s.key]?.trim())
        .map((s) => ({ assignmentId, sectionKey: s.key, comment: comments[s.key].trim() }))
      if (sectionComments.length > 0)
        await AssessmentComment.createMany(sectionComments, { client: trx })
      assignment.useTransaction(trx)
      assignment.merge({ status: 'submitted', submittedAt: DateTime.utc() })
      await assignment.save()

      const submitted = await AssessorAssignment.query({ client: trx })
        .where({
          applicationId: assignment.applicationId,
          stage: assignment.stage,
          status: 'submitted',
        })
        .preload('scores')
      const sheets = submitted.map((a) => a.sheet)
      const average = averageHundredths(sheets.map((sheet) => sheetTotal(grid, sheet)))
      const application = await Application.findOrFail(assignment.applicationId, { client: trx })
      application.useTransaction(trx)
      if (assignment.stage === 'concept_note') {
        application.conceptScoreHundredths = average
      } else {
        application.fullScoreHundredths = average
        application.isEliminated = eliminatedSections(grid, sheets).length > 0
      }
      await application.save()
      await AuditTrail.record(trx, {
        actorId: assessor.id,
        organisationId: application.organisationId,
        action: 'assessment.submitted',
        subjectType: 'application',
        subjectId: application.id,
        after: {
          stage: assignment.stage,
          total: sheetTotal(grid, scores),
          averageHundredths: average,
        },
        ip,
      })
      return assignment
    })
  }
}
