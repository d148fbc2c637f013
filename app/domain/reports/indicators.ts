/**
 * Logframe indicators of the action (Component 2, results 5–7 of the
 * Action Document; DOMAIN.md §9) whose actual values come from the
 * shelters' aggregate statistics: a baseline, a target per year, and the
 * measure the actual value is summed from.
 *
 * Targets are whole numbers of people. A growth rule is applied to the
 * baseline with integer arithmetic and rounded half up, e.g. reintegrated
 * victims +10 % a year: `target_t = baseline × 1.10^t` (DOMAIN.md §9).
 *
 * Actual values add up several shelters' counts, yet a national yearly
 * total is only 15–26 victims. An actual value is a roll-up: it is
 * withheld ("x") when it includes a report total the viewer sees hidden
 * (`#domain/reports/disclosure`), a value from 1 to 4 is shown as "<5",
 * and whether a hidden value meets its target is not said either.
 *
 * The indicators themselves are data (`indicators`, under `results`),
 * kept by the EU Office; the demo enters the action document's
 * (`database/seeders/demo_results.ts`).
 */
import { divideRoundHalfUp } from '#domain/money'
import type { ShownCount } from '#domain/reports/statistics'
import { discloseRollup, isHidden } from '#domain/reports/disclosure'
import { smallestShownCount, statisticMeasures } from '#domain/reports/statistics'

/** What an indicator counts: a statistic measure, or the referrals of every source. */
export const indicatorMeasures = [...statisticMeasures, 'referrals'] as const
export type IndicatorMeasure = (typeof indicatorMeasures)[number]

/** The facts `targetFor` needs: a stored indicator row has them too. */
export interface IndicatorFacts {
  baselineYear: number
  baselineValue: number
  targets: Record<string, number>
}

/** A sum of one measure over the reports whose period ends in `year`. */
export interface YearlyStatistic {
  year: number
  measure: string
  count: number
  /** Whether the viewer sees this contributor hidden (then any roll-up over it is withheld). */
  hidden?: boolean
}

export type IndicatorStatus = 'met' | 'not_met' | 'no_target' | 'no_data' | 'suppressed'

/**
 * `baseline × (1 + rate)^t` for every year t after the baseline year up to
 * `lastYear`, rounded half up; the rate in basis points (1000 = 10 %).
 */
export function compoundTargets(
  baseline: number,
  baselineYear: number,
  rateBp: number,
  lastYear: number
): Record<string, number> {
  count(baseline)
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) {
    throw new RangeError(`A rate must be a non-negative number of basis points: ${rateBp}`)
  }
  const targets: Record<string, number> = {}
  let numerator = BigInt(baseline)
  let denominator = 1n
  for (let year = baselineYear + 1; year <= lastYear; year++) {
    numerator *= BigInt(10_000 + rateBp)
    denominator *= 10_000n
    targets[String(year)] = Number(divideRoundHalfUp(numerator, denominator))
  }
  return targets
}

/** The baseline increased once by `rateBp` (e.g. +40 % by a milestone year), rounded half up. */
export function increasedBy(baseline: number, rateBp: number) {
  count(baseline)
  return Number(divideRoundHalfUp(BigInt(baseline) * BigInt(10_000 + rateBp), 10_000n))
}

/** The target of a year: the baseline in the baseline year, null where none is set. */
export function targetFor(indicator: IndicatorFacts, year: number): number | null {
  const target = indicator.targets[String(year)]
  if (typeof target === 'number') return target
  return year === indicator.baselineYear ? indicator.baselineValue : null
}

/** The actual value of a measure per year: the sums of its rows, by year. */
export function actualFor(
  measure: IndicatorMeasure,
  statistics: readonly YearlyStatistic[]
): Map<number, number> {
  const byYear = new Map<number, number>()
  for (const row of statistics) {
    if (!Number.isSafeInteger(row.year)) throw new RangeError(`Not a year: ${row.year}`)
    if (row.measure !== measure) continue
    byYear.set(row.year, count((byYear.get(row.year) ?? 0) + count(row.count)))
  }
  return byYear
}

/**
 * The actual value of a measure per year as the viewer may see it: a
 * roll-up over the contributors, withheld when one of them is hidden.
 */
export function shownActualFor(
  measure: IndicatorMeasure,
  statistics: readonly YearlyStatistic[],
  minimum = smallestShownCount
): Map<number, ShownCount> {
  const byYear = new Map<number, { value: number; hidden: boolean }[]>()
  for (const row of statistics) {
    if (!Number.isSafeInteger(row.year)) throw new RangeError(`Not a year: ${row.year}`)
    if (row.measure !== measure) continue
    const list = byYear.get(row.year) ?? []
    list.push({ value: count(row.count), hidden: row.hidden ?? false })
    byYear.set(row.year, list)
  }
  return new Map(
    [...byYear].map(([year, contributors]) => {
      const rollup = discloseRollup(contributors)
      return [year, isHidden(rollup) ? rollup : shownActual(rollup.value, minimum)]
    })
  )
}

/**
 * An aggregate over shelters whose contributors are all shown: 1 to
 * minimum − 1 hidden as "<minimum" (the publication minimum, "<5").
 */
export function shownActual(value: number, minimum = smallestShownCount): ShownCount {
  count(value)
  return value >= 1 && value < minimum ? { suppressed: true, mark: `<${minimum}` } : { value }
}

/** Whether the actual value of a year meets its target (never said of a hidden value). */
export function indicatorStatus(
  actual: number | null,
  target: number | null,
  shown?: ShownCount,
  minimum = smallestShownCount
): IndicatorStatus {
  if (actual === null) return 'no_data'
  if ((shown && isHidden(shown)) || isHidden(shownActual(actual, minimum))) return 'suppressed'
  if (target === null) return 'no_target'
  return actual >= target ? 'met' : 'not_met'
}

/**
 * The years an indicator is shown for: from its baseline year to the last
 * year with a target, an actual value, or `currentYear`.
 */
export function indicatorYears(
  indicator: IndicatorFacts,
  actualYears: Iterable<number>,
  currentYear: number
): number[] {
  const last = Math.max(
    indicator.baselineYear,
    currentYear,
    ...Object.keys(indicator.targets).map(Number),
    ...actualYears
  )
  const years: number[] = []
  for (let year = indicator.baselineYear; year <= last; year++) years.push(year)
  return years
}

function count(value: number) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`A count must be a non-negative integer: ${value}`)
  }
  return value
}
