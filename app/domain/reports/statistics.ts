/**
 * Service statistics of an expense report (DOMAIN-RULES §9): aggregates
 * only, never a person. Each measure is reported by sex, age band and
 * origin; referrals by source. Each measure is published as two tables
 * (sex × age band and origin × sex) with their totals.
 *
 * What a viewer may see of them is decided in one place,
 * `#domain/reports/disclosure`.
 */

export const statisticMeasures = [
  'admissions',
  'exits_reintegrated',
  'exits_returned',
  'exits_transferred',
  'exits_left',
  'bed_days',
  'residents_end',
] as const
export type StatisticMeasure = (typeof statisticMeasures)[number]

/** The measures that count persons (`bed_days` does not). */
export const personMeasures = statisticMeasures.filter((m) => m !== 'bed_days')

export const sexes = ['female', 'male'] as const
export type Sex = (typeof sexes)[number]

export const ageBands = ['under_18', 'adult'] as const
export type AgeBand = (typeof ageBands)[number]

export const origins = ['domestic', 'foreign'] as const
export type Origin = (typeof origins)[number]

export const referralSources = [
  'police',
  'labour_inspectorate',
  'social_services',
  'ngo',
  'embassy',
  'self',
  'other',
] as const
export type ReferralSource = (typeof referralSources)[number]

/** Counts from 1 to this are hidden outside the reporting shelter. */
export const smallestShownCount = 5

/** A count as a viewer sees it: its value, or hidden with its mark ("<5" or "x"). */
export type ShownCount = { value: number } | { suppressed: true; mark: string }

export interface CountTable<R extends string = string, C extends string = string> {
  rows: readonly R[]
  columns: readonly C[]
  /** cells[row][column]. */
  cells: number[][]
  rowTotals: number[]
  columnTotals: number[]
  total: number
}

export interface ShownTable<R extends string = string, C extends string = string> {
  rows: readonly R[]
  columns: readonly C[]
  cells: ShownCount[][]
  rowTotals: ShownCount[]
  columnTotals: ShownCount[]
  total: ShownCount
}

export interface CountList<K extends string = string> {
  keys: readonly K[]
  counts: number[]
  total: number
}

export interface ShownList<K extends string = string> {
  keys: readonly K[]
  counts: ShownCount[]
  total: ShownCount
}

/** One reported aggregate: how many (or how many bed-days) of one kind. */
export interface StatisticCount {
  measure: StatisticMeasure
  sex: Sex
  ageBand: AgeBand
  origin: Origin
  count: number
}

export interface ReferralCount {
  source: ReferralSource
  count: number
}

export interface MeasureTables {
  bySexAndAgeBand: CountTable<Sex, AgeBand>
  byOriginAndSex: CountTable<Origin, Sex>
}

export interface ShownMeasureTables {
  bySexAndAgeBand: ShownTable<Sex, AgeBand>
  byOriginAndSex: ShownTable<Origin, Sex>
}

export interface StatisticsTables {
  measures: Record<StatisticMeasure, MeasureTables>
  referrals: CountList<ReferralSource>
}

export interface StatisticsView {
  measures: Record<StatisticMeasure, ShownMeasureTables>
  referrals: ShownList<ReferralSource>
}

/** A table with its row, column and grand totals. */
export function countTable<R extends string, C extends string>(
  rows: readonly R[],
  columns: readonly C[],
  cells: readonly (readonly number[])[]
): CountTable<R, C> {
  if (rows.length === 0 || columns.length === 0) {
    throw new RangeError('A table needs at least one row and one column')
  }
  if (cells.length !== rows.length || cells.some((row) => row.length !== columns.length)) {
    throw new RangeError(`A table of ${rows.length} × ${columns.length} cells was expected`)
  }
  const copy = cells.map((row) => row.map((value) => count(value)))
  const rowTotals = copy.map((row) => sum(row))
  const columnTotals = columns.map((_, j) => sum(copy.map((row) => row[j])))
  return { rows, columns, cells: copy, rowTotals, columnTotals, total: sum(rowTotals) }
}

/** A list of counts with its total. */
export function countList<K extends string>(
  keys: readonly K[],
  counts: readonly number[]
): CountList<K> {
  if (counts.length !== keys.length) {
    throw new RangeError(`A list of ${keys.length} counts was expected`)
  }
  const copy = counts.map((value) => count(value))
  return { keys, counts: copy, total: sum(copy) }
}

/** The table with every count shown (for the reporting shelter's organisation). */
export function showAll<R extends string, C extends string>(
  table: CountTable<R, C>
): ShownTable<R, C> {
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((row) => row.map((value) => ({ value }))),
    rowTotals: table.rowTotals.map((value) => ({ value })),
    columnTotals: table.columnTotals.map((value) => ({ value })),
    total: { value: table.total },
  }
}

/**
 * Per measure, the table sex × age band and the table origin × sex (both
 * with totals), built from counts per measure, sex, age band and origin
 * (repeated combinations add up; missing ones are 0); and the referrals by
 * source.
 */
export function statisticsTables(
  counts: readonly StatisticCount[],
  referrals: readonly ReferralCount[] = []
): StatisticsTables {
  const cube = new Map<string, number>()
  for (const c of counts) {
    if (!statisticMeasures.includes(c.measure))
      throw new RangeError(`Unknown measure "${c.measure}"`)
    if (!sexes.includes(c.sex)) throw new RangeError(`Unknown sex "${c.sex}"`)
    if (!ageBands.includes(c.ageBand)) throw new RangeError(`Unknown age band "${c.ageBand}"`)
    if (!origins.includes(c.origin)) throw new RangeError(`Unknown origin "${c.origin}"`)
    const key = cubeKey(c.measure, c.sex, c.ageBand, c.origin)
    cube.set(key, count((cube.get(key) ?? 0) + count(c.count)))
  }
  const at = (measure: StatisticMeasure, sex: Sex, ageBand: AgeBand, origin: Origin) =>
    cube.get(cubeKey(measure, sex, ageBand, origin)) ?? 0

  const measures = Object.fromEntries(
    statisticMeasures.map((measure) => [
      measure,
      {
        bySexAndAgeBand: countTable(
          sexes,
          ageBands,
          sexes.map((sex) =>
            ageBands.map((band) => sum(origins.map((origin) => at(measure, sex, band, origin))))
          )
        ),
        byOriginAndSex: countTable(
          origins,
          sexes,
          origins.map((origin) =>
            sexes.map((sex) => sum(ageBands.map((band) => at(measure, sex, band, origin))))
          )
        ),
      },
    ])
  ) as Record<StatisticMeasure, MeasureTables>

  const bySource = new Map<ReferralSource, number>()
  for (const r of referrals) {
    if (!referralSources.includes(r.source)) {
      throw new RangeError(`Unknown referral source "${r.source}"`)
    }
    bySource.set(r.source, count((bySource.get(r.source) ?? 0) + count(r.count)))
  }
  return {
    measures,
    referrals: countList(
      referralSources,
      referralSources.map((source) => bySource.get(source) ?? 0)
    ),
  }
}

function cubeKey(measure: string, sex: string, ageBand: string, origin: string) {
  return `${measure}|${sex}|${ageBand}|${origin}`
}

function count(value: number) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`A count must be a non-negative integer: ${value}`)
  }
  return value
}

function sum(values: readonly number[]) {
  return count(values.reduce((a, b) => a + b, 0))
}

/** The measures that count people leaving the shelter. */
export const exitMeasures = [
  'exits_reintegrated',
  'exits_returned',
  'exits_transferred',
  'exits_left',
] as const satisfies readonly StatisticMeasure[]

/** Where the residents at the end of a period do not follow from the period before. */
export interface StockFlowBreak {
  sex: Sex
  origin: Origin
  /**
   * With the period before: residents at the end of k−1 + admissions −
   * exits (may be negative). Without it (a first report): the least number
   * of residents at the end, admissions − exits.
   */
  expected: number
  reported: number
  /** Whether the figures of the period before were known. */
  withPrevious: boolean
}

/**
 * The stock-flow identity, per sex and origin (people change age band, not
 * sex or origin): residents at the end of period k = residents at the end
 * of period k−1 + admissions in k − exits in k. Without the period before
 * (a first report), the opening stock it implies (residents at the end −
 * admissions + exits) must not be negative: no one leaves or stays who
 * was not there or admitted. The first break, or null.
 */
export function stockFlowBreak(
  previous: StatisticsTables | null,
  current: StatisticsTables
): StockFlowBreak | null {
  const at = (tables: StatisticsTables, measure: StatisticMeasure, o: number, s: number) =>
    tables.measures[measure].byOriginAndSex.cells[o][s]
  for (const [o, origin] of origins.entries()) {
    for (const [s, sex] of sexes.entries()) {
      const flow =
        at(current, 'admissions', o, s) -
        exitMeasures.reduce((total, measure) => total + at(current, measure, o, s), 0)
      const reported = at(current, 'residents_end', o, s)
      if (previous) {
        const expected = at(previous, 'residents_end', o, s) + flow
        if (expected !== reported) return { sex, origin, expected, reported, withPrevious: true }
      } else if (reported < flow) {
        return { sex, origin, expected: flow, reported, withPrevious: false }
      }
    }
  }
  return null
}
