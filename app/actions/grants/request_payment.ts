import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { holdReason } from '#domain/grants/release_conditions'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Grant from '#models/grant'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { noticeOf } from '#services/grant_notices'
import { assess, throwOnRefusal } from '#actions/grants/payment_request_support'

/** The grantee asks for the tranche due now, with the amounts computed by the payment rules. */
export class RequestPayment {
  async handle(grantId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const open = await PaymentRequest.query({ client: trx })
        .where('grant_id', grant.id)
        .whereNot('status', 'paid')
        .first()
      if (open) {
        throw new DomainConflictException('ux.conflicts.request_still_open', {
          number: open.number,
        })
      }
      const assessed = await assess(trx, grant, 'request', today)
      if (assessed.tranche === null) {
        throw new DomainConflictException(assessed.noTrancheReason)
      }
      throwOnRefusal(assessed.conditions)
      const finances = assessed.finances
      const tranche = assessed.tranche
      const report =
        tranche.kind === 'initial_prefinancing'
          ? null
          : (finances.reports.find((r) => r.periodNumber === assessed.reportPeriod) ?? null)
      const request = await PaymentRequest.create(
        {
          grantId: grant.id,
          number: finances.requests.length + 1,
          kind: tranche.kind,
          period: tranche.period,
          expenseReportId: report?.id ?? null,
          status: 'requested',
          currency: grant.currency,
          ...tranche.amounts,
          verifiedCents: null,
          heldReason: holdReason(assessed.conditions),
          conditions: assessed.conditions,
          requestedById: by.id,
          requestedAt: DateTime.utc(),
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'payment_request.created',
        subjectType: 'payment_request',
        subjectId: request.id,
        after: {
          grant: grant.reference,
          number: request.number,
          kind: request.kind,
          payableCents: request.payableCents,
          heldReason: request.heldReason,
        },
        ip,
      })
      await noticeOf(trx, grant, 'funderFinance', {
        kind: 'tranche_requested',
        key: `payment_request:${request.id}:requested`,
        href: `/payment-requests/${request.id}`,
        params: { number: request.number },
        exceptUserIds: [by.id],
      })
      return request
    })
  }
}
