import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { canMoveActionPoint } from '#domain/monitoring/monitoring'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { auditedFields, lockActionPoint } from '#actions/monitoring/action_point_support'

/** The monitor closes an action point, saying what evidence shows it was put right. */
export class CloseActionPoint {
  async handle(id: number, comment: string, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const point = await lockActionPoint(trx, id)
      if (!canMoveActionPoint(point.status, 'closed')) {
        throw new DomainConflictException('monitoring.conflicts.action_point_already_closed')
      }
      if (!comment.trim()) {
        throw new DomainConflictException('monitoring.conflicts.close_needs_comment')
      }
      const before = auditedFields(point)
      point.merge({
        status: 'closed',
        closedAt: DateTime.utc(),
        closedById: by.id,
        closingComment: comment.trim(),
      })
      point.useTransaction(trx)
      await point.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: point.organisationId,
        action: 'action_point.closed',
        subjectType: 'action_point',
        subjectId: point.id,
        before,
        after: { ...auditedFields(point), comment: point.closingComment },
        ip,
      })
      return point
    })
  }
}
