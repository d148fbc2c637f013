import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { holdReason } from '#domain/grants/release_conditions'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { noticeOf } from '#services/grant_notices'
import {
  assertDuty,
  assess,
  lockRequest,
  throwOnRefusal,
} from '#actions/grants/payment_request_support'

/**
 * The finance officer's check: the amount (the payable one, or less with a
 * reason). The person who requested the tranche never verifies it.
 */
export class VerifyPaymentRequest {
  async handle(
    requestId: number,
    by: User,
    input: { amountCents?: number | null; reason?: string | null },
    ip: string,
    today = todayInKosovo()
  ) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (request.status !== 'requested') {
        throw new DomainConflictException(
          'ux.conflicts.only_a_request_awaiting_verification_can_be'
        )
      }
      assertDuty(request, 'verify', by)
      const assessed = await assess(trx, grant, 'release', today, request.kind)
      throwOnRefusal(assessed.conditions)
      const amounts = assessed.tranche?.amounts
      if (!amounts) throw new DomainConflictException(assessed.noTrancheReason)
      const amount = input.amountCents ?? amounts.payableCents
      if (amount > amounts.payableCents) {
        throw new DomainConflictException(
          'ux.conflicts.the_verified_amount_cannot_exceed_the_payable'
        )
      }
      const reason = input.reason?.trim() || null
      if (amount !== amounts.payableCents && !reason) {
        throw new DomainConflictException('ux.conflicts.give_the_reason_for_adjusting_the_amount')
      }
      const before = { status: request.status, payableCents: request.payableCents }
      request.merge({
        ...amounts,
        verifiedCents: amount,
        adjustmentReason: amount === amounts.payableCents ? null : reason,
        status: 'verified',
        verifiedById: by.id,
        verifiedAt: DateTime.utc(),
        heldReason: holdReason(assessed.conditions),
        conditions: assessed.conditions,
      })
      await request.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'payment_request.verified',
        subjectType: 'payment_request',
        subjectId: request.id,
        before,
        after: {
          status: request.status,
          payableCents: request.payableCents,
          verifiedCents: amount,
          adjustmentReason: request.adjustmentReason,
        },
        ip,
      })
      await noticeOf(trx, grant, 'funderManagers', {
        kind: 'tranche_to_approve',
        key: `payment_request:${request.id}:verified:${request.verifiedAt!.toISO()}`,
        href: `/payment-requests/${request.id}`,
        params: { number: request.number },
        exceptUserIds: [by.id, request.requestedById],
      })
      return request
    })
  }
}
