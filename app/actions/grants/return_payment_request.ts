import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'
import { lockRequest } from '#actions/grants/payment_request_support'

/** Sends a request not yet approved back to the grantee with comments; the verification is undone. */
export class ReturnPaymentRequest {
  async handle(requestId: number, by: User, comment: string, ip: string) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (!['requested', 'verified'].includes(request.status)) {
        throw new DomainConflictException('ux.conflicts.only_a_request_not_yet_approved_can')
      }
      const before = { status: request.status }
      request.merge({
        status: 'returned',
        returnComment: comment,
        returnedById: by.id,
        returnedAt: DateTime.utc(),
        verifiedById: null,
        verifiedAt: null,
        verifiedCents: null,
        adjustmentReason: null,
      })
      await request.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'payment_request.returned',
        subjectType: 'payment_request',
        subjectId: request.id,
        before,
        after: { status: 'returned', comment },
        ip,
      })
      await noticeOf(trx, grant, 'grantee', {
        kind: 'tranche_returned',
        key: `payment_request:${request.id}:returned:${request.returnedAt!.toISO()}`,
        href: `/payment-requests/${request.id}`,
        params: { number: request.number },
      })
      return request
    })
  }
}
