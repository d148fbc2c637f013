import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import FstpException from '#models/fstp_exception'
import Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { membersWith, sendTaskNotice } from '#services/task_notices'

/**
 * Exceptions to the per-third-party cap: the lead grantee asks for one
 * sub-grant with a justification; the lead grant's funder decides.
 */
export class FstpExceptions {
  async request(
    parentGrantId: number,
    input: { applicationId: number; amountCents: number; justification: string },
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const parent = await Grant.findForUpdate(trx, parentGrantId)
      const application = await Application.query({ client: trx })
        .where('id', input.applicationId)
        .whereHas('call', (call) => call.where('parent_grant_id', parent.id))
        .first()
      if (!application) {
        throw new DomainConflictException('ux.conflicts.the_application_is_not_one_of_this')
      }
      const exception = await FstpException.create(
        {
          parentGrantId: parent.id,
          applicationId: application.id,
          currency: parent.currency,
          amountCents: input.amountCents,
          justification: input.justification,
          status: 'requested',
          requestedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: parent.granteeOrganisationId,
        action: 'fstp_exception.requested',
        subjectType: 'fstp_exception',
        subjectId: exception.id,
        after: { applicationId: application.id, amountCents: input.amountCents },
        ip,
      })
      await sendTaskNotice(trx, {
        notice: 'fstp_exception_requested',
        dedupeKey: `fstp_exception_requested:${exception.id}`,
        userIds: await membersWith(trx, parent.funderOrganisationId, ['grant_manager']),
        exceptUserId: by.id,
        params: { reference: parent.reference },
        href: `/grants/${parent.id}#fstp`,
        subjectType: 'fstp_exception',
        subjectId: exception.id,
      })
      return exception
    })
  }

  async decide(
    exceptionId: number,
    outcome: 'approved' | 'refused',
    comment: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const query = FstpException.query({ client: trx }).where('id', exceptionId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const exception = await query.firstOrFail()
      if (exception.status !== 'requested') {
        throw new DomainConflictException('ux.conflicts.this_exception_has_already_been_decided')
      }
      const parent = await Grant.findOrFail(exception.parentGrantId, { client: trx })
      exception.merge({
        status: outcome,
        decisionComment: comment,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
      })
      await exception.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: parent.granteeOrganisationId,
        action: `fstp_exception.${outcome}`,
        subjectType: 'fstp_exception',
        subjectId: exception.id,
        before: { status: 'requested' },
        after: { status: outcome, comment },
        ip,
      })
      await sendTaskNotice(trx, {
        notice: `fstp_exception_${outcome}`,
        dedupeKey: `fstp_exception_decided:${exception.id}`,
        userIds: await membersWith(trx, parent.granteeOrganisationId, [
          'applicant',
          'grant_manager',
        ]),
        exceptUserId: by.id,
        params: { reference: parent.reference },
        href: `/grants/${parent.id}#fstp`,
        subjectType: 'fstp_exception',
        subjectId: exception.id,
      })
      return exception
    })
  }
}
