import { reasonsFromText } from '#domain/grants/payment_option'
import type Grant from '#models/grant'
import type Payment from '#models/payment'
import type PaymentRequest from '#models/payment_request'
import type RecoveryOrder from '#models/recovery_order'
import type { grantFinances, ledgerTotals, fstpRollup } from '#queries/grant_finances'
import { scheduleOf } from '#queries/grant_finances'
import { grantForecastsJson } from '#transformers/grant_schedule_transformer'

type Finances = Awaited<ReturnType<typeof grantFinances>>

/** The API shape of a grant in lists; grantee and funder must be loaded. */
export function grantSummaryJson(grant: Grant) {
  return {
    id: grant.id,
    reference: grant.reference,
    status: grant.status,
    statusReason: grant.statusReason,
    parentGrantId: grant.parentGrantId,
    grantee: { id: grant.granteeOrganisationId, name: grant.grantee.name },
    funder: { id: grant.funderOrganisationId, name: grant.funder.name },
    currency: grant.currency,
    totalEligibleCents: grant.totalEligibleCents,
    funderCents: grant.funderCents,
    cofinancingCents: grant.cofinancingCents,
    paymentOption: grant.paymentOption,
    paymentOptionReasons: reasonsFromText(grant.paymentOptionReason),
    prefinancingCapBp: grant.prefinancingCapBp,
    startsOn: grant.startsOn.toISODate(),
    endsOn: grant.endsOn.toISODate(),
    documentVisibility: documentVisibilityJson(grant),
  }
}

/** Whether the grant's documents carry the EU emblem or a confidentiality mark. */
export function documentVisibilityJson(grant: Grant) {
  return {
    confidential: grant.documentsConfidential,
    reason: grant.documentsConfidentialReason,
  }
}

export function paymentRequestJson(request: PaymentRequest, payment: Payment | null) {
  return {
    id: request.id,
    grantId: request.grantId,
    number: request.number,
    kind: request.kind,
    period: request.period,
    status: request.status,
    held: request.heldReason !== null,
    heldReason: request.heldReason,
    currency: request.currency,
    scheduledCents: request.scheduledCents,
    thresholdCents: request.thresholdCents,
    fundedExpenditureCents: request.fundedExpenditureCents,
    reductionCents: request.reductionCents,
    payableCents: request.payableCents,
    verifiedCents: request.verifiedCents,
    adjustmentReason: request.adjustmentReason,
    returnComment: request.returnComment,
    conditions: request.conditions ?? [],
    requestedById: request.requestedById,
    requestedAt: request.requestedAt.toISO(),
    verifiedById: request.verifiedById,
    verifiedAt: request.verifiedAt?.toISO() ?? null,
    approvedById: request.approvedById,
    approvedAt: request.approvedAt?.toISO() ?? null,
    payment: payment ? paymentJson(payment) : null,
  }
}

export function paymentJson(payment: Payment) {
  return {
    id: payment.id,
    paymentRequestId: payment.paymentRequestId,
    amountCents: payment.amountCents,
    currency: payment.currency,
    valueDate: payment.valueDate.toISODate(),
    bankReference: payment.bankReference,
  }
}

function recoveryJson(order: RecoveryOrder) {
  return {
    id: order.id,
    amountCents: order.amountCents,
    currency: order.currency,
    dueOn: order.dueOn.toISODate(),
    status: order.status,
    settledOn: order.settledOn?.toISODate() ?? null,
  }
}

/** A grant with its schedule, requests, payments, recovery orders and ledger totals. */
export function grantDetailJson(
  grant: Grant,
  finances: Finances,
  ledger: Awaited<ReturnType<typeof ledgerTotals>>,
  fstp: Awaited<ReturnType<typeof fstpRollup>> | null
) {
  const paymentByRequest = new Map(finances.payments.map((p) => [p.paymentRequestId, p]))
  return {
    ...grantSummaryJson(grant),
    periods: grant.periods,
    budget: finances.lines.map((line) => ({
      heading: line.heading,
      label: line.label,
      totalCents: line.totalCents,
      thirdParty: line.thirdParty,
      version: line.version,
    })),
    schedule: scheduleOf(finances),
    forecasts: grantForecastsJson(grant, finances),
    next: finances.position.next,
    settlement: finances.position.settlement,
    acceptedCostsCents: finances.facts.acceptedCostsCents,
    acceptedCosts: finances.accepted,
    reports: finances.reports.map((r) => ({
      id: r.id,
      periodNumber: r.periodNumber,
      kind: r.kind,
      status: r.status,
      claimedCents: r.claimedCents,
      admittedCents: r.admittedCents,
    })),
    paymentRequests: finances.requests.map((r) =>
      paymentRequestJson(r, paymentByRequest.get(r.id) ?? null)
    ),
    payments: finances.payments.map(paymentJson),
    recoveryOrders: finances.recoveries.map(recoveryJson),
    ledger,
    fstp,
  }
}
