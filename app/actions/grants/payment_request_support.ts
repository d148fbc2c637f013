import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { NextTranche } from '#domain/grants/payment_schedule'
import type { PaymentDuty } from '#domain/grants/payment_duties'
import { dutyConflict } from '#domain/grants/payment_duties'
import type { TrancheKind } from '#domain/grants/planned_schedule'
import type { ReleaseCondition } from '#domain/grants/release_conditions'
import { holdReason, refusals, releaseConditions } from '#domain/grants/release_conditions'
import type { LicenceService } from '#domain/licences/licence'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import DutyConflictException from '#exceptions/duty_conflict_exception'
import Call from '#models/call'
import Grant from '#models/grant'
import PaymentRequest from '#models/payment_request'
import RecoveryOrder from '#models/recovery_order'
import type User from '#models/user'
import { grantFinances } from '#queries/grant_finances'
import { licenceCoverage } from '#queries/licence_coverage'
import { AuditTrail } from '#services/audit_trail'

/**
 * What the payment-path use cases share: the request lock, the assessment
 * of the tranche and its release conditions, the hold, and the segregation
 * of duties. The path itself (DOMAIN-RULES §4.5): the grantee requests, a
 * finance officer verifies (adjusting with a reason, or returning it), a
 * different grant manager approves, and a finance officer who did neither
 * records the payment exactly once.
 */

/** Release conditions with a refusal of their own (`ux.conflicts.condition_<code>`). */
const refusedConditions = new Set(['grant_running', 'reports_approved', 'period_report_submitted'])

/** Refuses (409) a step by a person who already took a step that excludes it. */
export function assertDuty(request: PaymentRequest, duty: PaymentDuty, by: User) {
  const conflict = dutyConflict(request, duty, by.id)
  if (conflict) throw DutyConflictException.of(conflict)
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
export async function assess(
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
  let noTrancheReason = 'ux.conflicts.no_tranche_due'
  let reportPeriod = 0
  if (wantsBalance) {
    reportPeriod = periods.length
    const settlement = finances.position.settlement
    if (finalReport?.status !== 'approved') {
      noTrancheReason = 'ux.conflicts.balance_after_final'
    } else if (settlement.recoveryCents > 0) {
      noTrancheReason = 'ux.conflicts.overpaid_recover'
    } else if (settlement.balanceCents === 0) {
      noTrancheReason = 'ux.conflicts.no_balance'
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
          ? 'ux.conflicts.prefinancing_cap'
          : 'ux.conflicts.prefinancing_paid'
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

/**
 * Re-checks the release conditions of a request and records (and audits)
 * a change of its hold. Returns the hold reason, null when free.
 */
export async function refreshHold(
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

/** A refused release condition stops the step with a conflict. */
export function throwOnRefusal(conditions: readonly ReleaseCondition[]) {
  const refused = refusals(conditions)
  if (refused.length > 0) {
    throw new DomainConflictException('ux.conflicts.conditions_refused', {
      reasons: (reader) =>
        refused
          .map((c) =>
            refusedConditions.has(c.code)
              ? reader.t(`ux.conflicts.condition_${c.code}`)
              : reader.t(`messages.conditions.${c.code}`)
          )
          .join(' '),
    })
  }
}

/** The request and its grant, locked for the transaction on PostgreSQL. */
export async function lockRequest(trx: TransactionClientContract, requestId: number) {
  const query = PaymentRequest.query({ client: trx }).where('id', requestId)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  const request = await query.firstOrFail()
  const grant = await Grant.findForUpdate(trx, request.grantId)
  return { request, grant }
}
