import db from '@adonisjs/lucid/services/db'
import { canMoveActionPoint } from '#domain/monitoring/monitoring'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ActionPointNote from '#models/action_point_note'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { auditedFields, lockActionPoint } from '#actions/monitoring/action_point_support'

/** The owner says what was done: a follow-up note, and the point waits for the monitor. */
export class AnswerActionPoint {
  async handle(id: number, body: string, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const point = await lockActionPoint(trx, id)
      if (!canMoveActionPoint(point.status, 'answered')) {
        throw new DomainConflictException('monitoring.conflicts.action_point_closed')
      }
      const before = auditedFields(point)
      const note = await ActionPointNote.create(
        { actionPointId: point.id, authorId: by.id, body },
        { client: trx }
      )
      point.status = 'answered'
      point.useTransaction(trx)
      await point.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: point.organisationId,
        action: 'action_point.answered',
        subjectType: 'action_point',
        subjectId: point.id,
        before,
        after: { ...auditedFields(point), note: body },
        ip,
      })
      return { point, note }
    })
  }
}
