/**
 * Service statistics of an expense report (DOMAIN-RULES §9): aggregates
 * only, never a person. Each measure is reported by sex, age band and
 * origin; referrals by source.
 *
 * Outside the reporting shelter's organisation every count from 1 to 4 is
 * shown as "<5" (primary suppression), and further cells or totals are
 * hidden so that no hidden count can be recovered by subtraction
 * (complementary suppression). A table is read as a grid with its totals:
 * every row (cells + row total), every column (cells + column total), the
 * row of column totals (+ grand total) and the column of row totals
 * (+ grand total) is one equation. An equation with exactly one hidden
 * entry would give it away, so one more entry of it is hidden — the
 * smallest non-zero shown cell, or else its total — until no equation has
 * exactly one. Zeros are always shown. The two tables of a measure share
 * the totals by sex and the grand total, and are suppressed together.
 *
 * Limits: this is the subtraction rule of §9, not a full audit by linear
 * programming (which could, for some patterns, narrow a hidden cell to a
 * range); referrals are not linked to admissions; and bed-days, which are
 * not person counts, are never suppressed.
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

/** The measures that count persons; `bed_days` does not and is never suppressed. */
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

export type ShownCount = { value: number } | { suppressed: true }

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

/** How a count is displayed and exported: "<5" when suppressed. */
export function displayCount(shownCount: ShownCount) {
  return 'suppressed' in shownCount ? `<${smallestShownCount}` : String(shownCount.value)
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

/** The table for people outside the reporting shelter: primary and complementary suppression. */
export function suppress<R extends string, C extends string>(
  table: CountTable<R, C>
): ShownTable<R, C> {
  assertConsistent(table)
  const grid = new Grid()
  const ids = grid.table(table)
  const hidden = grid.suppress()
  return shownTable(table, ids, hidden)
}

/** The list for people outside the reporting shelter. */
export function suppressList<K extends string>(list: CountList<K>): ShownList<K> {
  if (list.counts.length !== list.keys.length || sum(list.counts) !== count(list.total)) {
    throw new RangeError('The counts do not add up to the total')
  }
  const grid = new Grid()
  const ids = list.counts.map((value) => grid.entry(value))
  const total = grid.entry(list.total)
  grid.line(ids, total)
  const hidden = grid.suppress()
  return {
    keys: list.keys,
    counts: ids.map((id, i) => shown(list.counts[i], hidden[id])),
    total: shown(list.total, hidden[total]),
  }
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

/**
 * What a viewer may see: everything for insiders (the reporting shelter's
 * organisation); for everyone else, person counts suppressed (the two
 * tables of a measure together) and bed-days in full.
 */
export function viewFor(tables: StatisticsTables, viewer: { insider: boolean }): StatisticsView {
  const measures = Object.fromEntries(
    statisticMeasures.map((measure) => {
      const { bySexAndAgeBand, byOriginAndSex } = tables.measures[measure]
      const view: ShownMeasureTables =
        viewer.insider || measure === 'bed_days'
          ? { bySexAndAgeBand: showAll(bySexAndAgeBand), byOriginAndSex: showAll(byOriginAndSex) }
          : suppressMeasure(bySexAndAgeBand, byOriginAndSex)
      return [measure, view]
    })
  ) as Record<StatisticMeasure, ShownMeasureTables>
  const referrals: ShownList<ReferralSource> = viewer.insider
    ? {
        keys: tables.referrals.keys,
        counts: tables.referrals.counts.map((value) => ({ value })),
        total: { value: tables.referrals.total },
      }
    : suppressList(tables.referrals)
  return { measures, referrals }
}

/**
 * Suppresses the two tables of a measure together: the totals by sex (row
 * totals of the first, column totals of the second) and the grand total
 * are the same entries, so hiding one hides it in both.
 */
function suppressMeasure(
  bySexAndAgeBand: CountTable<Sex, AgeBand>,
  byOriginAndSex: CountTable<Origin, Sex>
): ShownMeasureTables {
  assertConsistent(bySexAndAgeBand)
  assertConsistent(byOriginAndSex)
  if (
    bySexAndAgeBand.total !== byOriginAndSex.total ||
    bySexAndAgeBand.rowTotals.some((value, i) => value !== byOriginAndSex.columnTotals[i])
  ) {
    throw new RangeError('The tables of a measure do not share their totals by sex')
  }
  const grid = new Grid()
  const first = grid.table(bySexAndAgeBand)
  const second = grid.table(byOriginAndSex, {
    columnTotals: first.rowTotals,
    total: first.total,
  })
  const hidden = grid.suppress()
  return {
    bySexAndAgeBand: shownTable(bySexAndAgeBand, first, hidden),
    byOriginAndSex: shownTable(byOriginAndSex, second, hidden),
  }
}

interface TableIds {
  cells: number[][]
  rowTotals: number[]
  columnTotals: number[]
  total: number
}

/** Entries (cells and totals) and the equations that link them. */
class Grid {
  private values: number[] = []
  private lines: { members: number[]; total: number }[] = []

  entry(value: number) {
    return this.values.push(value) - 1
  }

  line(members: number[], total: number) {
    this.lines.push({ members, total })
  }

  table(table: CountTable, shared: { columnTotals?: number[]; total?: number } = {}): TableIds {
    const cells = table.cells.map((row) => row.map((value) => this.entry(value)))
    const rowTotals = table.rowTotals.map((value) => this.entry(value))
    const columnTotals = shared.columnTotals ?? table.columnTotals.map((value) => this.entry(value))
    const total = shared.total ?? this.entry(table.total)
    cells.forEach((row, i) => this.line(row, rowTotals[i]))
    table.columns.forEach((_, j) =>
      this.line(
        cells.map((row) => row[j]),
        columnTotals[j]
      )
    )
    this.line(rowTotals, total)
    this.line(columnTotals, total)
    return { cells, rowTotals, columnTotals, total }
  }

  /** Which entries are hidden: counts 1–4, then complements until no line has exactly one. */
  suppress(): boolean[] {
    const hidden = this.values.map((value) => value >= 1 && value < smallestShownCount)
    let changed = true
    while (changed) {
      changed = false
      for (const { members, total } of this.lines) {
        const entries = [...members, total]
        if (entries.filter((id) => hidden[id]).length !== 1) continue
        const candidate = members
          .filter((id) => !hidden[id] && this.values[id] > 0)
          .reduce<number | null>(
            (best, id) => (best === null || this.values[id] < this.values[best] ? id : best),
            null
          )
        const chosen = candidate ?? (!hidden[total] && this.values[total] > 0 ? total : null)
        // Unreachable with consistent totals: a hidden entry is never 0, so
        // its line always has another non-zero entry to hide.
        if (chosen === null) throw new Error('No entry left to hide in a line')
        hidden[chosen] = true
        changed = true
      }
    }
    return hidden
  }
}

function shownTable<R extends string, C extends string>(
  table: CountTable<R, C>,
  ids: TableIds,
  hidden: boolean[]
): ShownTable<R, C> {
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((row, i) =>
      row.map((value, j) => shown(value, hidden[ids.cells[i][j]]))
    ),
    rowTotals: table.rowTotals.map((value, i) => shown(value, hidden[ids.rowTotals[i]])),
    columnTotals: table.columnTotals.map((value, j) => shown(value, hidden[ids.columnTotals[j]])),
    total: shown(table.total, hidden[ids.total]),
  }
}

function shown(value: number, hidden: boolean): ShownCount {
  return hidden ? { suppressed: true } : { value }
}

function assertConsistent(table: CountTable) {
  const expected = countTable(table.rows, table.columns, table.cells)
  if (
    expected.total !== table.total ||
    expected.rowTotals.some((value, i) => value !== table.rowTotals[i]) ||
    expected.columnTotals.some((value, j) => value !== table.columnTotals[j]) ||
    table.rowTotals.length !== table.rows.length ||
    table.columnTotals.length !== table.columns.length
  ) {
    throw new RangeError('The cells do not add up to the totals')
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
