import { divideFloor, divideRoundHalfUp, toCents } from '#domain/money'

/**
 * Payment schedule of PRAG Annex II art. 15, option 2 (DOMAIN-RULES §4):
 * initial pre-financing, further pre-financing (reduced when too little of
 * the earlier payments was spent) and the final balance or recovery order.
 *
 * All amounts are integer cents. The funder share is the exact ratio
 * F / TEC (never a float); products run in BigInt and come back as safe
 * integers via `toCents` (or throw).
 */

/** Default pre-financing cap: 90 % of F, in basis points (a parameter). */
export const defaultPrefinancingCapBp = 9000

/** Option 1 pre-financing: 80 % of (TEC − C) × share, in basis points (a parameter). */
export const defaultOptionOnePrefinancingBp = 8000

/** 70 % of the latest payment must have been spent: 7/10, exactly. */
const LATEST_PAYMENT_NUMERATOR = 7n
const LATEST_PAYMENT_DENOMINATOR = 10n

export interface ScheduleInput {
  /** F, the maximum funder contribution. */
  funderCents: number
  /** TEC, total eligible costs (> 0). */
  totalEligibleCents: number
  /** Cap on total pre-financing in basis points of F; default 9000. Cap = floor(F × bp / 10 000). */
  prefinancingCapBp?: number
  /** Fk: forecast budget of each reporting period, excluding contingency (k = 1..n). */
  forecastsCents: number[]
  /** Pre-financing payments made so far, in order (tranche 1 first). */
  paidCents: number[]
  /** Cumulative accepted eligible costs so far. */
  acceptedCostsCents: number
}

export type NextTranche =
  | {
      kind: 'initial_prefinancing'
      period: 1
      scheduledCents: number
      reductionCents: 0
      payableCents: number
    }
  | {
      kind: 'further_prefinancing'
      /** The period k+1 this tranche finances. */
      period: number
      scheduledCents: number
      thresholdCents: number
      fundedExpenditureCents: number
      reductionCents: number
      payableCents: number
    }
  | { kind: 'none'; reason: 'no_more_periods' | 'cap_reached' }

export interface FinalInput {
  funderCents: number
  totalEligibleCents: number
  paidCents: number[]
  acceptedCostsCents: number
}

export interface FinalSettlement {
  finalContributionCents: number
  paidCents: number
  /** Amount still to pay the grantee; never negative. */
  balanceCents: number
  /** Amount the grantee must pay back (recovery order); 0 when none. */
  recoveryCents: number
}

/** `round(amount × F / TEC)`, half up, with F / TEC as an exact ratio. */
export function shareOf(funderCents: number, totalEligibleCents: number, amountCents: number) {
  assertShare(funderCents, totalEligibleCents)
  const amount = nonNegativeCents(amountCents, 'amount')
  return share(funderCents, totalEligibleCents, amount)
}

/**
 * The single pre-financing of option 1 (DOMAIN-RULES §4.4):
 * `round(80 % × (TEC − C) × F / TEC)`, one rounding of the exact product,
 * so the contingency reserve C is never pre-financed.
 */
export function optionOnePrefinancing(input: {
  funderCents: number
  totalEligibleCents: number
  contingencyCents: number
  prefinancingBp?: number
}) {
  const funder = input.funderCents
  const tec = input.totalEligibleCents
  assertShare(funder, tec)
  const contingency = nonNegativeCents(input.contingencyCents, 'contingency')
  if (contingency > tec) {
    throw new RangeError(`Contingency ${contingency} exceeds total eligible costs ${tec}`)
  }
  const bp = input.prefinancingBp ?? defaultOptionOnePrefinancingBp
  if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) {
    throw new RangeError(`Pre-financing must be 0..10000 basis points: ${bp}`)
  }
  return toCents(
    divideRoundHalfUp(
      BigInt(tec - contingency) * BigInt(bp) * BigInt(funder),
      10_000n * BigInt(tec)
    )
  )
}

/**
 * The next pre-financing tranche. With no payment yet: the initial
 * pre-financing of period 1. After m payments: the further pre-financing of
 * period m+1, reduced by the shortfall of funder-financed expenditure
 * against the threshold (Σ earlier payments + 70 % of the latest). Total
 * pre-financing never exceeds the cap.
 */
export function nextTranche(input: ScheduleInput): NextTranche {
  const funder = input.funderCents
  const tec = input.totalEligibleCents
  assertShare(funder, tec)
  const capBp = input.prefinancingCapBp ?? defaultPrefinancingCapBp
  if (!Number.isInteger(capBp) || capBp < 0 || capBp > 10_000) {
    throw new RangeError(`Pre-financing cap must be 0..10000 basis points: ${capBp}`)
  }
  const forecasts = input.forecastsCents.map((cents) => nonNegativeCents(cents, 'forecast'))
  const paid = input.paidCents.map((cents) => nonNegativeCents(cents, 'payment'))
  const accepted = nonNegativeCents(input.acceptedCostsCents, 'accepted costs')

  const cap = divideFloor(BigInt(funder) * BigInt(capBp), 10_000n)
  const paidSum = sum(paid)
  const period = paid.length + 1
  if (period > forecasts.length) return { kind: 'none', reason: 'no_more_periods' }
  const room = cap - paidSum
  if (room <= 0n) return { kind: 'none', reason: 'cap_reached' }

  const forecastShare = BigInt(share(funder, tec, forecasts[period - 1]))
  const scheduled = forecastShare < room ? forecastShare : room

  if (paid.length === 0) {
    const scheduledCents = toCents(scheduled)
    return {
      kind: 'initial_prefinancing',
      period: 1,
      scheduledCents,
      reductionCents: 0,
      payableCents: scheduledCents,
    }
  }

  const latest = BigInt(paid[paid.length - 1])
  const threshold =
    paidSum -
    latest +
    divideRoundHalfUp(latest * LATEST_PAYMENT_NUMERATOR, LATEST_PAYMENT_DENOMINATOR)
  const funded = BigInt(share(funder, tec, accepted))
  const shortfall = threshold > funded ? threshold - funded : 0n
  const reduction = shortfall < scheduled ? shortfall : scheduled
  return {
    kind: 'further_prefinancing',
    period,
    scheduledCents: toCents(scheduled),
    thresholdCents: toCents(threshold),
    fundedExpenditureCents: toCents(funded),
    reductionCents: toCents(reduction),
    payableCents: toCents(scheduled - reduction),
  }
}

/**
 * Balance after the final report: final contribution = min(F, round(accepted
 * × share)); a negative balance becomes a recovery order, never a negative
 * payment.
 */
export function finalSettlement(input: FinalInput): FinalSettlement {
  const funder = input.funderCents
  const tec = input.totalEligibleCents
  assertShare(funder, tec)
  const paid = input.paidCents.map((cents) => nonNegativeCents(cents, 'payment'))
  const accepted = nonNegativeCents(input.acceptedCostsCents, 'accepted costs')

  const funded = BigInt(share(funder, tec, accepted))
  const final = funded < BigInt(funder) ? funded : BigInt(funder)
  const paidSum = sum(paid)
  const balance = final - paidSum
  return {
    finalContributionCents: toCents(final),
    paidCents: toCents(paidSum),
    balanceCents: balance > 0n ? toCents(balance) : 0,
    recoveryCents: balance < 0n ? toCents(-balance) : 0,
  }
}

function share(funderCents: number, totalEligibleCents: number, amountCents: number) {
  return toCents(
    divideRoundHalfUp(BigInt(amountCents) * BigInt(funderCents), BigInt(totalEligibleCents))
  )
}

function sum(amounts: readonly number[]) {
  return amounts.reduce((total, cents) => total + BigInt(cents), 0n)
}

function nonNegativeCents(value: number, what: string) {
  const cents = toCents(value)
  if (cents < 0) throw new RangeError(`The ${what} must not be negative: ${cents}`)
  return cents
}

function assertShare(funderCents: number, totalEligibleCents: number) {
  const funder = nonNegativeCents(funderCents, 'funder contribution')
  const tec = toCents(totalEligibleCents)
  if (tec <= 0) throw new RangeError(`Total eligible costs must be positive: ${tec}`)
  if (funder > tec) {
    throw new RangeError(`Funder contribution ${funder} exceeds total eligible costs ${tec}`)
  }
}
