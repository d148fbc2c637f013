import { allocate, applyBasisPoints } from '#domain/money'
import { nextTranche } from '#domain/grants/payment_schedule'

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

/** Option 1 (short sub-grants): one pre-financing of 80 % and the balance. */
export function optionOneTranches(funderCents: number, prefinancingBp = 8000): PlannedTranche[] {
  const prefinancing = applyBasisPoints(funderCents, prefinancingBp)
  return [
    { number: 1, kind: 'initial_prefinancing', period: 1, plannedCents: prefinancing },
    { number: 2, kind: 'balance', period: null, plannedCents: funderCents - prefinancing },
  ]
}
