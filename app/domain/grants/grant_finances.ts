import type { FinalSettlement, NextTranche } from '#domain/grants/payment_schedule'
import {
  defaultOptionOnePrefinancingBp,
  finalSettlement,
  nextTranche,
  optionOnePrefinancing,
} from '#domain/grants/payment_schedule'
import type { PlannedTranche, TrancheKind } from '#domain/grants/planned_schedule'
import { optionOneTranches, plannedTranches } from '#domain/grants/planned_schedule'

/** Option 1: one pre-financing of 80 % of (TEC − C) × share, then the balance. */
export const optionOnePrefinancingBp = defaultOptionOnePrefinancingBp

export interface GrantMoneyFacts {
  paymentOption: 'option_1' | 'option_2'
  funderCents: number
  totalEligibleCents: number
  /** C, the contingency reserve of the current budget: never pre-financed. */
  contingencyCents: number
  prefinancingCapBp: number
  /** Option 1's single pre-financing, as the contract says; default 8000 (80 %). */
  optionOnePrefinancingBp?: number
  /** Forecast of each reporting period, excluding contingency. */
  forecastsCents: readonly number[]
  /** Payments made, in order, with the kind of tranche each paid. */
  payments: readonly { kind: TrancheKind; amountCents: number }[]
  /** Cumulative accepted eligible costs (admitted amounts of approved reports). */
  acceptedCostsCents: number
  /** Recoveries received (settled recovery orders). */
  recoveredCents: number
}

export interface ScheduleRow extends PlannedTranche {
  paidCents: number
}

export interface GrantMoneyPosition {
  schedule: ScheduleRow[]
  next: NextTranche
  settlement: FinalSettlement
  prefinancedCents: number
  paidCents: number
  recoveredCents: number
  /** Paid minus recovered: what the funder has financed so far. */
  netPaidCents: number
}

/** The next pre-financing tranche of a grant under its payment option. */
export function nextTrancheOf(facts: GrantMoneyFacts): NextTranche {
  const prefinancing = facts.payments.filter((p) => p.kind !== 'balance').map((p) => p.amountCents)
  if (facts.paymentOption === 'option_1') {
    if (prefinancing.length > 0) return { kind: 'none', reason: 'no_more_periods' }
    const amount = optionOnePrefinancing({
      funderCents: facts.funderCents,
      totalEligibleCents: facts.totalEligibleCents,
      contingencyCents: facts.contingencyCents,
      prefinancingBp: facts.optionOnePrefinancingBp ?? optionOnePrefinancingBp,
    })
    return {
      kind: 'initial_prefinancing',
      period: 1,
      scheduledCents: amount,
      reductionCents: 0,
      payableCents: amount,
    }
  }
  return nextTranche({
    funderCents: facts.funderCents,
    totalEligibleCents: facts.totalEligibleCents,
    prefinancingCapBp: facts.prefinancingCapBp,
    forecastsCents: [...facts.forecastsCents],
    paidCents: prefinancing,
    acceptedCostsCents: facts.acceptedCostsCents,
  })
}

/**
 * Where a grant stands: the planned schedule beside what was paid on each
 * tranche, the next tranche as it would be computed today, and the final
 * settlement on the costs accepted so far.
 */
export function grantMoneyPosition(facts: GrantMoneyFacts): GrantMoneyPosition {
  const planned =
    facts.paymentOption === 'option_1'
      ? optionOneTranches(
          facts.funderCents,
          facts.totalEligibleCents,
          facts.contingencyCents,
          facts.optionOnePrefinancingBp ?? optionOnePrefinancingBp
        )
      : plannedTranches(
          facts.funderCents,
          facts.totalEligibleCents,
          facts.forecastsCents,
          facts.prefinancingCapBp
        )
  const prefinancing = facts.payments.filter((p) => p.kind !== 'balance')
  const balance = facts.payments.filter((p) => p.kind === 'balance')
  const schedule: ScheduleRow[] = planned.map((row) => ({ ...row, paidCents: 0 }))
  const prefinancingRows = schedule.filter((row) => row.kind !== 'balance')
  prefinancing.forEach((payment, index) => {
    const row = prefinancingRows[index]
    if (row) row.paidCents = payment.amountCents
  })
  const balanceRow = schedule.find((row) => row.kind === 'balance')
  if (balanceRow) balanceRow.paidCents = sum(balance.map((p) => p.amountCents))

  const prefinancedCents = sum(prefinancing.map((p) => p.amountCents))
  const paidCents = sum(facts.payments.map((p) => p.amountCents))
  return {
    schedule,
    next: nextTrancheOf(facts),
    settlement: finalSettlement({
      funderCents: facts.funderCents,
      totalEligibleCents: facts.totalEligibleCents,
      paidCents: facts.payments.map((p) => p.amountCents),
      acceptedCostsCents: facts.acceptedCostsCents,
    }),
    prefinancedCents,
    paidCents,
    recoveredCents: facts.recoveredCents,
    netPaidCents: paidCents - facts.recoveredCents,
  }
}

function sum(values: readonly number[]) {
  return values.reduce((total, value) => total + value, 0)
}

/**
 * Each planned tranche with what is payable on it: the amount of its
 * request (verified, or as computed when requested); for the next tranche
 * not yet requested, what the rules would pay today; the balance once the
 * final report is approved. Null where nothing is payable yet.
 */
export function payableBySchedule(
  position: Pick<GrantMoneyPosition, 'schedule' | 'next' | 'settlement'>,
  requests: readonly { kind: TrancheKind; amountCents: number }[],
  finalReportApproved: boolean
): (ScheduleRow & { payableCents: number | null })[] {
  const prefinancingRequests = requests.filter((r) => r.kind !== 'balance')
  const balanceRequest = requests.find((r) => r.kind === 'balance')
  const next = position.next
  let prefinancingIndex = 0
  return position.schedule.map((row) => {
    if (row.kind === 'balance') {
      const balance = finalReportApproved ? position.settlement.balanceCents : null
      return { ...row, payableCents: balanceRequest?.amountCents ?? balance }
    }
    const request = prefinancingRequests[prefinancingIndex++]
    if (request) return { ...row, payableCents: request.amountCents }
    const isNext = next.kind !== 'none' && next.period === row.period
    return { ...row, payableCents: isNext ? next.payableCents : null }
  })
}
