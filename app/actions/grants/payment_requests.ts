import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { NextTranche } from '#domain/grants/payment_schedule'
import type { TrancheKind } from '#domain/grants/planned_schedule'
import type { ReleaseCondition } from '#domain/grants/release_conditions'
import { holdReason, refusals, releaseConditions } from '#domain/grants/release_conditions'
import type { LicenceService } from '#domain/licences/licence'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Call from '#models/call'
import Grant from '#models/grant'
import LedgerEntry from '#models/ledger_entry'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import RecoveryOrder from '#models/recovery_order'
import type User from '#models/user'
import { grantFinances } from '#queries/grant_finances'
import { licenceCoverage } from '#queries/licence_coverage'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { noticeOf } from '#services/grant_notices'

export interface PaymentInput {
  valueDate: string
  bankReference: string
  idempotencyKey: string
}

export interface RecordedPayment {
  payment: Payment
  /** True when the same idempotency key had already recorded this payment. */
  replayed: boolean
}

const conditionMessages: Record<string, string> = {
  grant_running: 'The grant is not in a state that allows this tranche.',
  reports_approved: 'The reports of the earlier periods are not all approved.',
  period_report_submitted: 'The interim report of the period is not submitted.',
}

/**
 * The four-eyes path of a tranche: the grantee requests it, a finance
 * officer verifies it (adjusting with a reason, or returning it), a
 * different grant manager approves it, and a finance officer records the
 * payment exactly once. Each step re-checks the release conditions; a
 * tranche held by a licence or a recovery order cannot be approved or paid.
 */
export class PaymentRequests {
  async request(grantId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const open = await PaymentRequest.query({ client: trx })
        .where('grant_id', grant.id)
        .whereNot('status', 'paid')
        .first()
      if (open) {
        throw new DomainConflictException(
          `Request ${open.number} is still open; it must be paid first.`
        )
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
      })
      return request
    })
  }

  /** The finance officer's check: the amount (the payable one, or less with a reason). */
  async verify(
    requestId: number,
    by: User,
    input: { amountCents?: number | null; reason?: string | null },
    ip: string,
    today = todayInKosovo()
  ) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (request.status !== 'requested') {
        throw new DomainConflictException('Only a request awaiting verification can be verified.')
      }
      const assessed = await assess(trx, grant, 'release', today, request.kind)
      throwOnRefusal(assessed.conditions)
      const amounts = assessed.tranche?.amounts
      if (!amounts) throw new DomainConflictException(assessed.noTrancheReason)
      const amount = input.amountCents ?? amounts.payableCents
      if (amount > amounts.payableCents) {
        throw new DomainConflictException(
          'The verified amount cannot exceed the payable amount under the payment rules.'
        )
      }
      const reason = input.reason?.trim() || null
      if (amount !== amounts.payableCents && !reason) {
        throw new DomainConflictException('Give the reason for adjusting the amount.')
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
        exceptUserId: by.id,
      })
      return request
    })
  }

  /** Sends the request back to the grantee with comments. */
  async returnToGrantee(requestId: number, by: User, comment: string, ip: string) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (!['requested', 'verified'].includes(request.status)) {
        throw new DomainConflictException('Only a request not yet approved can be returned.')
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

  /** The grantee sends a returned request again; the amounts are computed afresh. */
  async resubmit(requestId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (request.status !== 'returned') {
        throw new DomainConflictException('Only a returned request can be sent again.')
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
      })
      return request
    })
  }

  /**
   * Re-checks the conditions and records whether the tranche is held. Used
   * by a person (after a licence renewal, say) and by approval and payment.
   */
  async recheck(requestId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      await refreshHold(trx, request, grant, by, ip, today)
      return request
    })
  }

  /**
   * The grant manager's approval. Returns `{ held }` without approving when
   * a condition holds the tranche; the hold is recorded either way.
   */
  async approve(requestId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      if (request.status !== 'verified') {
        throw new DomainConflictException('Only a verified request can be approved.')
      }
      if (request.requestedById === by.id || request.verifiedById === by.id) {
        throw new DomainConflictException(
          'The person who requested or verified a tranche cannot approve it.'
        )
      }
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
      await noticeOf(trx, grant, 'funderFinance', {
        kind: 'tranche_to_pay',
        key: `payment_request:${request.id}:approved`,
        href: `/payment-requests/${request.id}`,
        params: { number: request.number },
      })
      return { request, held: null }
    })
  }

  /**
   * Records the payment of an approved request, exactly once. The request
   * row is locked; the same idempotency key returns the payment it made,
   * and any other attempt on a paid request is a conflict.
   */
  async pay(
    requestId: number,
    by: User,
    input: PaymentInput,
    ip: string,
    today = todayInKosovo()
  ): Promise<RecordedPayment> {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      const existing = await Payment.query({ client: trx })
        .where('payment_request_id', request.id)
        .first()
      if (existing) {
        if (existing.idempotencyKey === input.idempotencyKey) {
          return { payment: existing, replayed: true }
        }
        throw new DomainConflictException('This request has already been paid.')
      }
      const reused = await Payment.query({ client: trx })
        .where('idempotency_key', input.idempotencyKey)
        .first()
      if (reused) {
        throw new DomainConflictException('This idempotency key was used for another payment.')
      }
      if (request.status !== 'approved') {
        throw new DomainConflictException('Only an approved request can be paid.')
      }
      const held = await refreshHold(trx, request, grant, by, ip, today)
      if (held) throw new DomainConflictException(`The tranche is held: ${held}`)

      const payment = await Payment.create(
        {
          paymentRequestId: request.id,
          grantId: grant.id,
          currency: request.currency,
          amountCents: request.amountCents,
          valueDate: DateTime.fromISO(input.valueDate),
          bankReference: input.bankReference,
          idempotencyKey: input.idempotencyKey,
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

interface AssessedTranche {
  kind: TrancheKind
  period: number
  amounts: {
    scheduledCents: number
    thresholdCents: number | null
    fundedExpenditureCents: number | null
    reductionCents: number
    payableCents: number
  }
}

/**
 * Computes the tranche a grant can request now and the conditions of its
 * release. `expected` pins the kind when re-checking an existing request.
 */
async function assess(
  trx: TransactionClientContract,
  grant: Grant,
  stage: 'request' | 'release',
  today: string,
  expected?: TrancheKind
) {
  const finances = await grantFinances(grant, trx)
  const periods = grant.periods
  const finalReport = finances.reports.find((r) => r.kind === 'final')
  const wantsBalance =
    expected === 'balance' ||
    (expected === undefined &&
      ['implementation_ended', 'final_report_submitted'].includes(grant.status))
  let tranche: AssessedTranche | null = null
  let noTrancheReason = 'No tranche is due under the payment schedule.'
  let reportPeriod = 0
  if (wantsBalance) {
    reportPeriod = periods.length
    const settlement = finances.position.settlement
    if (finalReport?.status !== 'approved') {
      noTrancheReason = 'The balance is paid after the final report is approved.'
    } else if (settlement.recoveryCents > 0) {
      noTrancheReason =
        'The grantee was paid more than its final contribution: issue a recovery order.'
    } else if (settlement.balanceCents === 0) {
      noTrancheReason = 'There is no balance to pay.'
    } else {
      tranche = balanceTranche(settlement.balanceCents, periods.length)
    }
  } else {
    const next = finances.position.next
    if (next.kind !== 'none') {
      tranche = prefinancingTranche(next)
      reportPeriod = next.period - 1
    } else {
      noTrancheReason =
        next.reason === 'cap_reached'
          ? 'The pre-financing cap is reached; the rest is paid as the balance.'
          : 'Every pre-financing tranche has been paid; the rest is paid as the balance.'
    }
  }
  const financed = periods.find((p) => p.number === (tranche?.period ?? periods.length))
  const licence = grant.isSubGrant
    ? await subGrantLicence(
        trx,
        grant,
        today,
        tranche?.kind === 'balance' ? today : financed?.endsOn
      )
    : null
  const outstanding = await RecoveryOrder.query({ client: trx })
    .join('grants', 'grants.id', 'recovery_orders.grant_id')
    .where('grants.grantee_organisation_id', grant.granteeOrganisationId)
    .where('recovery_orders.status', 'open')
    .sum('recovery_orders.amount_cents as total')
  const conditions: ReleaseCondition[] = releaseConditions({
    kind: tranche?.kind ?? expected ?? 'further_prefinancing',
    period: tranche?.period ?? periods.length,
    grantStatus: grant.status,
    reports: finances.reports.map((r) => ({ periodNumber: r.periodNumber, status: r.status })),
    stage,
    isSubGrant: grant.isSubGrant,
    licence,
    outstandingRecoveryCents: Number(outstanding[0]?.$extras.total ?? 0),
    reductionCents: tranche?.amounts.reductionCents ?? 0,
  })
  return { finances, tranche, noTrancheReason, conditions, reportPeriod }
}

function prefinancingTranche(next: Exclude<NextTranche, { kind: 'none' }>): AssessedTranche {
  return {
    kind: next.kind,
    period: next.period,
    amounts: {
      scheduledCents: next.scheduledCents,
      thresholdCents: next.kind === 'further_prefinancing' ? next.thresholdCents : null,
      fundedExpenditureCents:
        next.kind === 'further_prefinancing' ? next.fundedExpenditureCents : null,
      reductionCents: next.reductionCents,
      payableCents: next.payableCents,
    },
  }
}

function balanceTranche(balanceCents: number, lastPeriod: number): AssessedTranche {
  return {
    kind: 'balance',
    period: lastPeriod,
    amounts: {
      scheduledCents: balanceCents,
      thresholdCents: null,
      fundedExpenditureCents: null,
      reductionCents: 0,
      payableCents: balanceCents,
    },
  }
}

/** A sub-grantee's licences must be valid on the release date and cover the period financed. */
async function subGrantLicence(
  trx: TransactionClientContract,
  grant: Grant,
  today: string,
  periodEnd: string | undefined
) {
  const call = grant.callId ? await Call.find(grant.callId, { client: trx }) : null
  const services: LicenceService[] =
    call && call.eligibleServices.length > 0 ? call.eligibleServices : ['residential_vot']
  const to = periodEnd && periodEnd > today ? periodEnd : today
  for (const service of services) {
    const { coverage } = await licenceCoverage(grant.granteeOrganisationId, service, today, to, trx)
    if (!coverage.covered) {
      const first = coverage.reasons[0]
      return { covered: false, reason: first ? `${first.code} ${first.date}` : 'NO_LICENCE' }
    }
  }
  return { covered: true }
}

async function refreshHold(
  trx: TransactionClientContract,
  request: PaymentRequest,
  grant: Grant,
  by: User,
  ip: string,
  today: string
) {
  const assessed = await assess(trx, grant, 'release', today, request.kind)
  const held = holdReason(assessed.conditions)
  if (held !== request.heldReason) {
    const before = request.heldReason
    request.merge({ heldReason: held, conditions: assessed.conditions })
    await request.save()
    await AuditTrail.record(trx, {
      actorId: by.id,
      organisationId: grant.granteeOrganisationId,
      action: held ? 'payment_request.held' : 'payment_request.released',
      subjectType: 'payment_request',
      subjectId: request.id,
      before: { heldReason: before },
      after: { heldReason: held },
      ip,
    })
  }
  return held
}

function throwOnRefusal(conditions: readonly ReleaseCondition[]) {
  const refused = refusals(conditions)
  if (refused.length > 0) {
    throw new DomainConflictException(
      refused.map((c) => conditionMessages[c.code] ?? c.code).join(' ')
    )
  }
}

async function lockRequest(trx: TransactionClientContract, requestId: number) {
  const query = PaymentRequest.query({ client: trx }).where('id', requestId)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  const request = await query.firstOrFail()
  const grant = await Grant.findForUpdate(trx, request.grantId)
  return { request, grant }
}
