import { allocate, toCents } from '#domain/money'
import { nextTranche, optionOnePrefinancing } from '#domain/grants/payment_schedule'

export type TrancheKind = 'initial_prefinancing' | 'further_prefinancing' | 'balance'

export interface PlannedTranche {
  number: number
  kind: TrancheKind
  /** The reporting period the tranche finances (none for the balance). */
  period: number | null
  plannedCents: number
}

/**
 * The forecast of each reporting period, excluding contingency: the budget
 * without the contingency reserve, spread over the periods by their length
 * in days (largest remainder, so the parts add up to the whole).
 */
export function periodForecasts(
  budgetWithoutContingencyCents: number,
  periodDays: readonly number[]
) {
  return allocate(budgetWithoutContingencyCents, periodDays)
}

/**
 * The planned tranches of a grant (option 2) if every report is accepted
 * in full: each pre-financing as DOMAIN-RULES §4 schedules it, then the
 * balance that brings the payments to the funder contribution.
 */
export function plannedTranches(
  funderCents: number,
  totalEligibleCents: number,
  forecastsCents: readonly number[],
  prefinancingCapBp = 9000
): PlannedTranche[] {
  const paid: number[] = []
  const tranches: PlannedTranche[] = []
  for (;;) {
    const accepted = forecastsCents.slice(0, paid.length).reduce((a, b) => a + b, 0)
    const next = nextTranche({
      funderCents,
      totalEligibleCents,
      prefinancingCapBp,
      forecastsCents: [...forecastsCents],
      paidCents: paid,
      acceptedCostsCents: accepted,
    })
    if (next.kind === 'none') break
    tranches.push({
      number: tranches.length + 1,
      kind: next.kind,
      period: next.period,
      plannedCents: next.payableCents,
    })
    paid.push(next.payableCents)
  }
  const prefinanced = paid.reduce((a, b) => a + b, 0)
  tranches.push({
    number: tranches.length + 1,
    kind: 'balance',
    period: null,
    plannedCents: funderCents - prefinanced,
  })
  return tranches
}

/**
 * Option 1: one pre-financing of 80 % of (TEC − C) × share (the
 * contingency is never pre-financed), then the balance up to F.
 */
export function optionOneTranches(
  funderCents: number,
  totalEligibleCents: number,
  contingencyCents: number,
  prefinancingBp = 8000
): PlannedTranche[] {
  const prefinancing = optionOnePrefinancing({
    funderCents,
    totalEligibleCents,
    contingencyCents,
    prefinancingBp,
  })
  return [
    { number: 1, kind: 'initial_prefinancing', period: 1, plannedCents: prefinancing },
    { number: 2, kind: 'balance', period: null, plannedCents: funderCents - prefinancing },
  ]
}

/** What is wrong with a grantee's forecasts per reporting period, if anything. */
export type ForecastProblem =
  | { code: 'WRONG_PERIOD_COUNT'; expected: number; given: number }
  | {
      code: 'SUM_NOT_BUDGET'
      /** TEC − C: the budget without the contingency reserve. */
      expectedCents: number
      sumCents: number
      /** Σ forecasts − (TEC − C); positive when the forecasts are too high. */
      differenceCents: number
    }

/**
 * Forecasts must cover each reporting period once and add up exactly
 * (integer cents) to the budget without contingency, TEC − C.
 */
export function forecastProblems(
  forecastsCents: readonly number[],
  periodCount: number,
  budgetWithoutContingencyCents: number
): ForecastProblem[] {
  const problems: ForecastProblem[] = []
  if (forecastsCents.length !== periodCount) {
    problems.push({
      code: 'WRONG_PERIOD_COUNT',
      expected: periodCount,
      given: forecastsCents.length,
    })
  }
  const sum = forecastsCents.reduce((total, cents) => total + BigInt(toCents(cents)), 0n)
  const expected = BigInt(toCents(budgetWithoutContingencyCents))
  if (sum !== expected) {
    problems.push({
      code: 'SUM_NOT_BUDGET',
      expectedCents: toCents(expected),
      sumCents: toCents(sum),
      differenceCents: toCents(sum - expected),
    })
  }
  return problems
}

/** Where the forecasts of a schedule come from. */
export type ForecastSource =
  | { source: 'grantee' }
  /** The budget spread by days: no forecasts entered, or they no longer fit the budget. */
  | { source: 'spread'; why: 'none_entered' | 'no_longer_fit' }

/**
 * The forecasts the schedule uses: the grantee's own when they are
 * complete and add up to TEC − C; otherwise the budget spread by days.
 */
export function scheduleForecasts(
  enteredCents: readonly number[],
  budgetWithoutContingencyCents: number,
  periodDays: readonly number[]
): { forecastsCents: number[]; from: ForecastSource } {
  if (
    enteredCents.length > 0 &&
    forecastProblems(enteredCents, periodDays.length, budgetWithoutContingencyCents).length === 0
  ) {
    return { forecastsCents: [...enteredCents], from: { source: 'grantee' } }
  }
  return {
    forecastsCents: periodForecasts(budgetWithoutContingencyCents, periodDays),
    from: { source: 'spread', why: enteredCents.length > 0 ? 'no_longer_fit' : 'none_entered' },
  }
}

/** Forecasts are the grantee's until signature; after it only the funder's grant manager changes them. */
export function forecastsLocked(grantStatus: string) {
  return grantStatus !== 'draft'
}
