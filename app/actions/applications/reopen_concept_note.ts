import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { canMoveApplication } from '#domain/calls/application_lifecycle'
import { isBeforeDeadline } from '#domain/calls/call_lifecycle'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { kosovoDeadlineIn } from '#domain/calls/kosovo_time'

/**
 * A withdrawn concept note is taken back up as a draft while the call is
 * still published and its concept-note deadline has not passed, so that a
 * withdrawal three weeks before the deadline is no dead end. The applicant
 * then edits and submits it again; the reopening is audited.
 */
export class ReopenConceptNote {
  async handle(applicationId: number, by: User, ip: string, now = DateTime.utc()) {
    return db.transaction(async (trx) => {
      const query = Application.query({ client: trx }).where('id', applicationId).preload('call')
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const application = await query.firstOrFail()
      const call = application.call
      if (!canMoveApplication(application.status, 'draft')) {
        throw new DomainConflictException('ux.conflicts.only_withdrawn_reopened', {
          status: (reader) => reader.t(`messages.application_statuses.${application.status}`),
        })
      }
      if (
        call.status !== 'published' ||
        !isBeforeDeadline(call.conceptDeadlineAt.toISO()!, now.toISO()!)
      ) {
        throw new DomainConflictException('ux.conflicts.deadline_passed_reopened', {
          deadline: kosovoDeadlineIn(call.conceptDeadlineAt, call.timezone),
        })
      }
      const withdrawnAt = application.withdrawnAt
      application.useTransaction(trx)
      application.merge({ status: 'draft', withdrawnAt: null, submittedAt: null })
      await application.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'application.reopened',
        subjectType: 'application',
        subjectId: application.id,
        before: { status: 'withdrawn', withdrawnAt: withdrawnAt?.toISO() ?? null },
        after: { status: 'draft', at: now.toISO() },
        ip,
      })
      return application
    })
  }
}
