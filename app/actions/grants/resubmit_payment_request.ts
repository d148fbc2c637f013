import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { holdReason } from '#domain/grants/release_conditions'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { noticeOf } from '#services/grant_notices'
import { assess, lockRequest, throwOnRefusal } from '#actions/grants/payment_request_support'

/** The grantee sends a returned request again; the amounts are computed afresh. */
export class ResubmitPaymentRequest {
  async handle(requestId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (request.status !== 'returned') {
        throw new DomainConflictException('ux.conflicts.only_a_returned_request_can_be_sent')
      }
      const assessed = await assess(trx, grant, 'request', today, request.kind)
      throwOnRefusal(assessed.conditions)
      if (!assessed.tranche) throw new DomainConflictException(assessed.noTrancheReason)
      request.merge({
        ...assessed.tranche.amounts,
        status: 'requested',
        heldReason: holdReason(assessed.conditions),
        conditions: assessed.conditions,
        requestedById: by.id,
        requestedAt: DateTime.utc(),
      })
      await request.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'payment_request.resubmitted',
        subjectType: 'payment_request',
        subjectId: request.id,
        before: { status: 'returned' },
        after: { status: 'requested', payableCents: request.payableCents },
        ip,
      })
      await noticeOf(trx, grant, 'funderFinance', {
        kind: 'tranche_requested',
        key: `payment_request:${request.id}:resubmitted:${request.requestedAt.toISO()}`,
        href: `/payment-requests/${request.id}`,
        params: { number: request.number },
        exceptUserIds: [by.id],
      })
      return request
    })
  }
}
