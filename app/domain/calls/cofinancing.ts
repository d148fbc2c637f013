/**
 * Co-financing sources and the implementation period of a full
 * application, checked at submission (DOMAIN-RULES §3): the sources add up
 * exactly to TEC − F, in kind only where the call allows it, and the
 * period lies within the call's minimum and maximum number of months.
 */
export const cofinancingKinds = ['own_funds', 'other_donor', 'in_kind'] as const
export type CofinancingKind = (typeof cofinancingKinds)[number]

export interface CofinancingSourceFacts {
  kind: CofinancingKind
  amountCents: number
}

export type CofinancingProblem =
  | { code: 'IN_KIND_NOT_ALLOWED' }
  | {
      code: 'SOURCES_DO_NOT_ADD_UP'
      sourcesCents: number
      requiredCents: number
      /** Sources − required: negative when sources are missing, positive when over. */
      differenceCents: number
    }

export function cofinancingProblems(
  sources: readonly CofinancingSourceFacts[],
  requiredCents: number,
  allowsInKind: boolean
): CofinancingProblem[] {
  const problems: CofinancingProblem[] = []
  if (!allowsInKind && sources.some((s) => s.kind === 'in_kind')) {
    problems.push({ code: 'IN_KIND_NOT_ALLOWED' })
  }
  const total = sources.reduce((sum, s) => sum + BigInt(s.amountCents), 0n)
  if (total !== BigInt(requiredCents)) {
    const difference = total - BigInt(requiredCents)
    problems.push({
      code: 'SOURCES_DO_NOT_ADD_UP',
      sourcesCents: Number(total),
      requiredCents,
      differenceCents: Number(difference),
    })
  }
  return problems
}

/**
 * The implementation period in months, a started month counting as a
 * whole one: 2027-01-01 … 2028-12-31 is 24, 2027-01-15 … 2027-02-14 is 1,
 * 2027-01-15 … 2027-02-15 is 2. Dates are ISO `YYYY-MM-DD`, end inclusive.
 */
export function durationMonths(startsOn: string, endsOn: string): number {
  const [y1, m1, d1] = startsOn.split('-').map(Number)
  const [y2, m2, d2] = endsOn.split('-').map(Number)
  if ([y1, m1, d1, y2, m2, d2].some((n) => !Number.isInteger(n))) {
    throw new RangeError(`Not ISO dates: ${startsOn} … ${endsOn}`)
  }
  if (endsOn < startsOn)
    throw new RangeError(`The period ends before it starts: ${startsOn} … ${endsOn}`)
  // The day after the end, in UTC calendar arithmetic.
  const after = new Date(Date.UTC(y2, m2 - 1, d2 + 1))
  const ay = after.getUTCFullYear()
  const am = after.getUTCMonth() + 1
  const ad = after.getUTCDate()
  let months = (ay - y1) * 12 + (am - m1)
  if (ad > d1) months += 1
  return months
}

export type DurationProblem =
  | { code: 'DURATION_BELOW_MIN'; months: number; minMonths: number }
  | { code: 'DURATION_ABOVE_MAX'; months: number; maxMonths: number }

export function durationProblem(
  startsOn: string,
  endsOn: string,
  rules: { minDurationMonths: number; maxDurationMonths: number }
): DurationProblem | null {
  const months = durationMonths(startsOn, endsOn)
  if (months < rules.minDurationMonths)
    return { code: 'DURATION_BELOW_MIN', months, minMonths: rules.minDurationMonths }
  if (months > rules.maxDurationMonths)
    return { code: 'DURATION_ABOVE_MAX', months, maxMonths: rules.maxDurationMonths }
  return null
}
