import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { noticeOf } from '#services/grant_notices'
import { assertDuty, lockRequest, refreshHold } from '#actions/grants/payment_request_support'

/**
 * The grant manager's approval, by someone who neither requested nor
 * verified the tranche. Returns `{ held }` without approving when a
 * condition holds the tranche; the hold is recorded either way.
 */
export class ApprovePaymentRequest {
  async handle(requestId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (request.status !== 'verified') {
        throw new DomainConflictException('ux.conflicts.only_a_verified_request_can_be_approved')
      }
      assertDuty(request, 'approve', by)
      const held = await refreshHold(trx, request, grant, by, ip, today)
      if (held) return { request, held }
      request.merge({ status: 'approved', approvedById: by.id, approvedAt: DateTime.utc() })
      await request.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'payment_request.approved',
        subjectType: 'payment_request',
        subjectId: request.id,
        before: { status: 'verified' },
        after: { status: 'approved', amountCents: request.amountCents },
        ip,
      })
      // The payment is recorded by a finance officer who took no earlier step.
      await noticeOf(trx, grant, 'funderFinance', {
        kind: 'tranche_to_pay',
        key: `payment_request:${request.id}:approved`,
        href: `/payment-requests/${request.id}`,
        params: { number: request.number },
        exceptUserIds: [request.requestedById, request.verifiedById ?? 0, by.id],
      })
      return { request, held: null }
    })
  }
}
