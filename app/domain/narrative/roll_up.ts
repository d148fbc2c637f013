/**
 * How a lead grantee's narrative reports and its sub-grantees' add up
 * (ADR 0037). Plain data, no framework.
 *
 * - Each grant reports its **own direct** values only: a lead grantee's
 *   indicator values leave out what its sub-grantees achieved, since they
 *   report that themselves.
 * - A programme indicator's actual value from narrative reports adds every
 *   grant's approved values once, the lead's and each sub-grantee's.
 * - A lead's report rolls up each sub-grantee report once: in the lead's
 *   reporting period in which the sub-grantee's period ends (the same
 *   year rule as the actual values), never in every lead period it overlaps.
 */
export interface PeriodDates {
  number: number
  startsOn: string
  endsOn: string
}

/**
 * The number of the lead's period a sub-grantee period (ending on
 * `endsOn`) is rolled up into: the one that contains that day; before the
 * first, the first; after the last, the last. Null without periods.
 */
export function leadPeriodFor(endsOn: string, leadPeriods: readonly PeriodDates[]): number | null {
  if (leadPeriods.length === 0) return null
  const sorted = [...leadPeriods].sort((a, b) => a.startsOn.localeCompare(b.startsOn))
  const containing = sorted.find((p) => p.startsOn <= endsOn && endsOn <= p.endsOn)
  if (containing) return containing.number
  return endsOn < sorted[0].startsOn ? sorted[0].number : sorted[sorted.length - 1].number
}
