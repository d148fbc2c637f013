import { heldReasonInWords } from '#transformers/task_transformer'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { requestFingerprint } from '#domain/grants/request_fingerprint'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import LedgerEntry from '#models/ledger_entry'
import Payment from '#models/payment'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { noticeOf } from '#services/grant_notices'
import { assertDuty, lockRequest, refreshHold } from '#actions/grants/payment_request_support'

export interface PaymentInput {
  valueDate: string
  bankReference: string
  idempotencyKey: string
}

export interface RecordedPayment {
  payment: Payment
  /** True when the same idempotency key and body had already recorded this payment. */
  replayed: boolean
}

/**
 * Records the payment of an approved request, exactly once, by a finance
 * officer who neither requested, verified nor approved it. The request row
 * is locked; the same idempotency key with the same body returns the
 * payment it made, the same key with another body (or for another request)
 * is refused with 422, and any other attempt on a paid request is a conflict.
 */
export class RecordPayment {
  async handle(
    requestId: number,
    by: User,
    input: PaymentInput,
    ip: string,
    today = todayInKosovo()
  ): Promise<RecordedPayment> {
    const fingerprint = requestFingerprint({
      valueDate: input.valueDate,
      bankReference: input.bankReference,
    })
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      const existing = await Payment.query({ client: trx })
        .where('payment_request_id', request.id)
        .first()
      if (existing) {
        if (existing.idempotencyKey === input.idempotencyKey) {
          if (existing.requestHash !== null && existing.requestHash !== fingerprint) {
            throw new IdempotencyKeyReusedException()
          }
          return { payment: existing, replayed: true }
        }
        throw new DomainConflictException('ux.conflicts.this_request_has_already_been_paid')
      }
      const reused = await Payment.query({ client: trx })
        .where('idempotency_key', input.idempotencyKey)
        .first()
      if (reused) throw new IdempotencyKeyReusedException()
      if (request.status !== 'approved') {
        throw new DomainConflictException('ux.conflicts.only_an_approved_request_can_be_paid')
      }
      assertDuty(request, 'record', by)
      const held = await refreshHold(trx, request, grant, by, ip, today)
      if (held)
        throw new DomainConflictException('ux.conflicts.tranche_held', {
          reason: (reader) => heldReasonInWords(held, reader),
        })

      const payment = await Payment.create(
        {
          paymentRequestId: request.id,
          grantId: grant.id,
          currency: request.currency,
          amountCents: request.amountCents,
          valueDate: DateTime.fromISO(input.valueDate),
          bankReference: input.bankReference,
          idempotencyKey: input.idempotencyKey,
          requestHash: fingerprint,
          recordedById: by.id,
        },
        { client: trx }
      )
      await LedgerEntry.create(
        {
          grantId: grant.id,
          kind: 'disbursement',
          currency: payment.currency,
          amountCents: payment.amountCents,
          bookedOn: payment.valueDate,
          paymentId: payment.id,
          recoveryOrderId: null,
          description: `Tranche ${request.number} (${request.kind})`,
          createdById: by.id,
        },
        { client: trx }
      )
      request.status = 'paid'
      await request.save()
      const grantBefore = grant.status
      if (request.kind === 'balance') grant.status = 'closed'
      else if (grant.status === 'signed') grant.status = 'in_implementation'
      await grant.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'payment.recorded',
        subjectType: 'payment_request',
        subjectId: request.id,
        before: { status: 'approved', grantStatus: grantBefore },
        after: {
          status: 'paid',
          grantStatus: grant.status,
          amountCents: payment.amountCents,
          valueDate: input.valueDate,
          bankReference: input.bankReference,
          recordedById: by.id,
        },
        ip,
      })
      await noticeOf(trx, grant, 'grantee', {
        kind: 'tranche_paid',
        key: `payment_request:${request.id}:paid`,
        href: `/payment-requests/${request.id}`,
        params: { number: request.number, valueDate: input.valueDate },
      })
      return { payment, replayed: false }
    })
  }
}
