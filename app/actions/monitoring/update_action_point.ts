import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ActionPointNote from '#models/action_point_note'
import Grant from '#models/grant'
import Membership from '#models/membership'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { auditedFields, lockActionPoint } from '#actions/monitoring/action_point_support'

export interface ActionPointChange {
  title?: string
  description?: string | null
  dueOn?: string
  ownerOrganisationId?: number
  ownerUserId?: number | null
  /** A follow-up note from the monitor. */
  note?: string | null
  /** An answered point sent back to its owner (the answer did not put it right). */
  reopen?: boolean
}

/** The monitor changes an open action point: its title, due date or owner, with a note. */
export class UpdateActionPoint {
  async handle(id: number, change: ActionPointChange, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const point = await lockActionPoint(trx, id)
      if (point.status === 'closed') {
        throw new DomainConflictException('monitoring.conflicts.action_point_closed')
      }
      const grant = await Grant.findOrFail(point.grantId, { client: trx })
      const before = auditedFields(point)
      const ownerOrganisationId = change.ownerOrganisationId ?? point.ownerOrganisationId
      if (
        ![grant.granteeOrganisationId, grant.funderOrganisationId].includes(ownerOrganisationId)
      ) {
        throw new DomainConflictException('monitoring.conflicts.owner_grantee_or_funder')
      }
      const ownerUserId =
        change.ownerUserId !== undefined
          ? change.ownerUserId
          : ownerOrganisationId === point.ownerOrganisationId
            ? point.ownerUserId
            : null
      if (ownerUserId) {
        const member = await Membership.query({ client: trx })
          .where('user_id', ownerUserId)
          .where('organisation_id', ownerOrganisationId)
          .whereNot('role', 'assessor')
          .first()
        if (!member) {
          throw new DomainConflictException('monitoring.conflicts.owner_not_member')
        }
      }
      point.merge({
        title: change.title ?? point.title,
        description: change.description !== undefined ? change.description : point.description,
        dueOn: change.dueOn ? DateTime.fromISO(change.dueOn) : point.dueOn,
        ownerOrganisationId,
        ownerUserId,
      })
      if (change.reopen) {
        if (point.status !== 'answered') {
          throw new DomainConflictException('monitoring.conflicts.only_answered_sent_back')
        }
        point.status = 'open'
      }
      point.useTransaction(trx)
      await point.save()
      if (change.note?.trim()) {
        await ActionPointNote.create(
          { actionPointId: point.id, authorId: by.id, body: change.note.trim() },
          { client: trx }
        )
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: point.organisationId,
        action: 'action_point.updated',
        subjectType: 'action_point',
        subjectId: point.id,
        before,
        after: { ...auditedFields(point), note: change.note ?? null },
        ip,
      })
      return point
    })
  }
}
