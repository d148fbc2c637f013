/**
 * Statistical disclosure control (DOMAIN-RULES §9): what every published
 * service statistic shows to a viewer. Every outlet (report page, API,
 * CSV, PDF, indicators and their roll-ups, the audit trail) goes through
 * this module.
 *
 * **Viewers.** An *insider* of a shelter is a member of its organisation
 * or an MLSW official; insiders see every count. Everyone else, admins and
 * auditors included, is an *outsider*.
 *
 * **The guarantee.** No hidden entry can be determined from everything one
 * outsider can see together: every table of a report, every report of the
 * same grant (linked by the stock-flow identity that entry enforces:
 * residents at the end of k = residents at the end of k−1 + admissions −
 * exits, per sex and origin), roll-ups and national totals.
 *
 * **The method (simple and conservative).** The unit is the *series*: all
 * reports of one grant, because the stock-flow identity links them.
 * 1. A series with no person count from 1 to 4 anywhere (any cell, margin
 *    or total of any measure of any report) is shown in full: there is
 *    nothing to protect and nothing small can be worked out from it.
 * 2. In any other series (a *protected* series) every person-count entry
 *    of every report (cells, margins and totals of every measure) is
 *    hidden:
 *    - an entry below 5 reads "<5": 1–4 (primary), and zeros too, since
 *      "less than five" is true of them and a zero shown as 0 pins its
 *      neighbours through the stock-flow identity (a measured attack:
 *      with zeros shown, a quarter of the hidden entries were determined);
 *    - an entry of 5 or more reads "x" (secondary), never "<5".
 *    So "<5" means 0–4 and "x" means 5 or more, and no equation of a
 *    protected series (table line, identity) has a known value: every
 *    hidden entry keeps a range.
 * 3. Bed-days are not person counts but reveal who stayed: in a protected
 *    series only the total bed-days of a report is shown; every
 *    breakdown entry reads "x" (unless the total is 0).
 * 4. Referrals are not linked to other measures: a report's referral list
 *    with a count from 1 to 4 shows its zeros, "<5" for 1–4, "x" for 5 or
 *    more and hides its total ("<5" for every entry when the total itself
 *    is below 5, so that four "<5" counts under a "<5" total are not each
 *    known to be 1).
 * 5. A roll-up (an indicator, a national or lead-grant total) that
 *    includes a hidden contributor is withheld ("x", whatever its size):
 *    even "<5" would bound the hidden contributors' sum.
 * 6. The audit trail never shows an outsider a statistic value; addresses
 *    only to insiders (`mayReadAddress`).
 *
 * The attack test (`tests/unit/domain/reports/disclosure_attack.spec.ts`)
 * checks the guarantee with an integer linear programme: for every hidden
 * entry, the smallest and largest value consistent with everything
 * published differ.
 */
import { createHash } from 'node:crypto'
import type { MembershipFacts } from '#domain/roles'
import { hasRole } from '#domain/roles'
import type {
  CountList,
  CountTable,
  MeasureTables,
  ReferralSource,
  ShownCount,
  ShownList,
  ShownMeasureTables,
  ShownTable,
  StatisticMeasure,
  StatisticsTables,
  StatisticsView,
} from '#domain/reports/statistics'
import {
  ageBands,
  exitMeasures,
  origins,
  personMeasures,
  sexes,
  smallestShownCount,
  statisticMeasures,
} from '#domain/reports/statistics'
import type { AuditEntry, Constraint, Form } from '#domain/reports/disclosure_audit'
import {
  AuditBudgetExceeded,
  DisclosureAudit,
  glpk,
  upperBound,
} from '#domain/reports/disclosure_audit'

export type { ShownCount }

/** Who is looking: insiders see every count. */
export interface Viewer {
  insider: boolean
}

/**
 * The publication minimum (DOMAIN-RULES §9, the programme setting
 * `publicationMinimum`): counts from 1 to minimum − 1 are hidden. The
 * default is the rules' 5; outlets pass the value in force.
 */
export const defaultMinimum = smallestShownCount

/** The mark of a primary suppression (a count from 1 to minimum − 1): "<5". */
export function primaryMarkFor(minimum = defaultMinimum) {
  return `<${minimum}`
}

/** The mark of a primary suppression with the default minimum ("<5"). */
export const primaryMark = primaryMarkFor()
/** The mark of a secondary (complementary) suppression. */
export const secondaryMark = 'x'

/**
 * Whether someone with these memberships is an insider of the shelter run
 * by `organisationId`: a member of that organisation, or an MLSW official.
 * Admins and auditors are outsiders.
 */
export function viewerOf(memberships: readonly MembershipFacts[], organisationId: number): Viewer {
  return {
    insider:
      hasRole(memberships, 'mlsw_official') ||
      memberships.some((m) => m.organisationId === organisationId),
  }
}

/** Whether a count is hidden. */
export function isHidden(shown: ShownCount): shown is { suppressed: true; mark: string } {
  return 'suppressed' in shown
}

/** How a count is displayed and exported: its value, "<5" or "x". */
export function displayCount(shown: ShownCount) {
  return isHidden(shown) ? shown.mark : String(shown.value)
}

function isSmall(value: number, minimum: number) {
  return value >= 1 && value < minimum
}

/**
 * Whether a count is from 1 to minimum − 1: what makes a series protected.
 * Every outlet asks here, with the publication minimum in force (never a
 * literal 5).
 */
export function isSmallCount(value: number, minimum: number) {
  return isSmall(value, minimum)
}

/**
 * A count hidden because its series is protected, as every outlet marks
 * it: "<minimum" below the minimum (zeros too), "x" from the minimum up.
 */
export function hiddenCount(value: number, minimum: number): ShownCount {
  return value < minimum ? primary(minimum) : secondary()
}

const shownValue = (value: number): ShownCount => ({ value })
const primary = (minimum: number): ShownCount => ({
  suppressed: true,
  mark: primaryMarkFor(minimum),
})
const secondary = (): ShownCount => ({ suppressed: true, mark: secondaryMark })

/** Every entry of a table: cells, row totals, column totals and the total. */
function entries(table: CountTable) {
  return [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]
}

/** Whether any person-count entry of the report is from 1 to minimum − 1. */
export function hasSmallCount(tables: StatisticsTables, minimum = defaultMinimum) {
  return personMeasures.some((measure) => {
    const { bySexAndAgeBand, byOriginAndSex } = tables.measures[measure]
    return [...entries(bySexAndAgeBand), ...entries(byOriginAndSex)].some((v) =>
      isSmall(v, minimum)
    )
  })
}

/** Whether a series (the reports of one grant) must be protected for outsiders. */
export function isProtectedSeries(series: readonly StatisticsTables[], minimum = defaultMinimum) {
  return series.some((tables) => hasSmallCount(tables, minimum))
}

function mapTable<R extends string, C extends string>(
  table: CountTable<R, C>,
  entry: (value: number) => ShownCount
): ShownTable<R, C> {
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((row) => row.map(entry)),
    rowTotals: table.rowTotals.map(entry),
    columnTotals: table.columnTotals.map(entry),
    total: entry(table.total),
  }
}

function mapMeasure(tables: MeasureTables, entry: (value: number) => ShownCount) {
  return {
    bySexAndAgeBand: mapTable(tables.bySexAndAgeBand, entry),
    byOriginAndSex: mapTable(tables.byOriginAndSex, entry),
  }
}

/** A person measure of a protected series. */
function protectedMeasure(tables: MeasureTables, minimum: number): ShownMeasureTables {
  return mapMeasure(tables, (value) => hiddenCount(value, minimum))
}

/** Bed-days of a protected series: the total only. */
function protectedBedDays(tables: MeasureTables): ShownMeasureTables {
  const total = tables.bySexAndAgeBand.total
  if (total === 0) return mapMeasure(tables, shownValue)
  const shown = mapMeasure(tables, secondary)
  shown.bySexAndAgeBand.total = shownValue(total)
  shown.byOriginAndSex.total = shownValue(total)
  return shown
}

function shownList<K extends string>(list: CountList<K>, minimum: number): ShownList<K> {
  if (!listProtected(list, minimum)) {
    return { keys: list.keys, counts: list.counts.map(shownValue), total: shownValue(list.total) }
  }
  const mark = (value: number) => (value < minimum ? primary(minimum) : secondary())
  return { keys: list.keys, counts: list.counts.map(mark), total: mark(list.total) }
}

function listProtected(list: CountList<string>, minimum: number) {
  return list.counts.some((v) => isSmall(v, minimum)) || isSmall(list.total, minimum)
}

/**
 * One report as the viewer may see it. `protectedSeries` says whether the
 * report's series (its grant's reports) is protected (`isProtectedSeries`).
 */
export function discloseReport(
  tables: StatisticsTables,
  viewer: Viewer,
  protectedSeries: boolean,
  minimum = defaultMinimum
): StatisticsView {
  const all = (measure: StatisticMeasure) => mapMeasure(tables.measures[measure], shownValue)
  const measures = Object.fromEntries(
    statisticMeasures.map((measure) => {
      if (viewer.insider || !protectedSeries) return [measure, all(measure)]
      if (measure === 'bed_days') return [measure, protectedBedDays(tables.measures[measure])]
      return [measure, protectedMeasure(tables.measures[measure], minimum)]
    })
  ) as Record<StatisticMeasure, ShownMeasureTables>
  const referrals: ShownList<ReferralSource> = viewer.insider
    ? {
        keys: tables.referrals.keys,
        counts: tables.referrals.counts.map(shownValue),
        total: shownValue(tables.referrals.total),
      }
    : shownList(tables.referrals, minimum)
  return { measures, referrals }
}

/**
 * Every report of a series in the protective pattern (the starting point
 * of the least suppression, `discloseSeries`): in a protected series
 * every person-count entry hidden.
 */
export function protectiveSeries(
  series: readonly StatisticsTables[],
  viewer: Viewer,
  minimum = defaultMinimum
): StatisticsView[] {
  const isProtected = !viewer.insider && isProtectedSeries(series, minimum)
  return series.map((tables) => discloseReport(tables, viewer, isProtected, minimum))
}

/** A contributor to a roll-up: its value and whether the viewer sees it hidden. */
export interface RollupContributor {
  value: number
  hidden: boolean
}

/**
 * A roll-up (indicator actual, national or lead-grant total): shown when
 * every contributor is shown to the viewer, otherwise withheld as "x".
 */
export function discloseRollup(contributors: readonly RollupContributor[]): ShownCount {
  const value = contributors.reduce((sum, c) => sum + c.value, 0)
  if (contributors.some((c) => c.hidden)) return secondary()
  return shownValue(value)
}

/** Whether the total of a measure (or of referrals) is hidden in a disclosed report. */
export function totalHidden(view: StatisticsView, measure: StatisticMeasure | 'referrals') {
  const total =
    measure === 'referrals' ? view.referrals.total : view.measures[measure].bySexAndAgeBand.total
  return isHidden(total)
}

/** Audit actions whose payloads hold statistic values. */
const statisticActions = ['expense_report.statistics_saved']

/**
 * An audit payload as the viewer may see it: outsiders never see a
 * statistic value of a statistics event (every number, zeros included,
 * reads "x": earlier versions of the figures are published nowhere else,
 * and the latest are shown, suppressed, on the report), nor an address.
 */
export function discloseAuditPayload(action: string, payload: unknown, viewer: Viewer): unknown {
  if (viewer.insider || payload === null || payload === undefined) return payload
  if (statisticActions.includes(action)) return maskNumbers(payload)
  return withoutAddress(payload)
}

function maskNumbers(value: unknown): unknown {
  if (typeof value === 'number') return secondaryMark
  if (Array.isArray(value)) return value.map(maskNumbers)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNumbers(v)]))
  }
  return value
}

function withoutAddress(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAddress)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !/address/i.test(k) || /changed/i.test(k))
        .map(([k, v]) => [k, withoutAddress(v)])
    )
  }
  return value
}

/*
 * ---------------------------------------------------------------------
 * The least suppression: the protective pattern above, then every "x"
 * and every zero read "<5" shown again, one at a time, whenever the exact
 * audit (`#domain/reports/disclosure_audit`) still finds two values for
 * every hidden entry. The result is minimal: unhiding any remaining "x"
 * (or hidden zero) would let an outsider determine some hidden entry.
 * ---------------------------------------------------------------------
 */

/** What a published entry of a report is: a measure and a position of its tables. */
interface Slot {
  report: number
  measure: StatisticMeasure | 'referrals'
  key: string
  /** 0 totals, 1 margins, 2 cells: the order in which entries are tried. */
  rank: number
}

/** Keys of the positions of a measure's two tables (shared positions share a key). */
const positionKeys = {
  bySexAndAgeBand: {
    cell: (i: number, j: number) => `c${i}${j}`,
    row: (i: number) => `s${i}`,
    column: (j: number) => `a${j}`,
  },
  byOriginAndSex: {
    cell: (i: number, j: number) => `o${i}${j}`,
    row: (i: number) => `g${i}`,
    column: (j: number) => `s${j}`,
  },
} as const

/** Every distinct position of a measure: its key, its cube cells (sex, age band, origin), its rank. */
const measurePositions: {
  key: string
  rank: number
  pick: (s: number, a: number, o: number) => boolean
}[] = [
  { key: 't', rank: 0, pick: () => true },
  ...sexes.map((_, i) => ({ key: `s${i}`, rank: 1, pick: (s: number) => s === i })),
  ...ageBands.map((_, j) => ({ key: `a${j}`, rank: 1, pick: (_s: number, a: number) => a === j })),
  ...origins.map((_, i) => ({
    key: `g${i}`,
    rank: 1,
    pick: (_s: number, _a: number, o: number) => o === i,
  })),
  ...sexes.flatMap((_, i) =>
    ageBands.map((_a, j) => ({
      key: `c${i}${j}`,
      rank: 2,
      pick: (s: number, a: number) => s === i && a === j,
    }))
  ),
  ...origins.flatMap((_, i) =>
    sexes.map((_s, j) => ({
      key: `o${i}${j}`,
      rank: 2,
      pick: (s: number, _a: number, o: number) => o === i && s === j,
    }))
  ),
]

function stateOf(shown: ShownCount): AuditEntry['state'] {
  if (!isHidden(shown)) return 'shown'
  return shown.mark === secondaryMark ? 'large' : 'small'
}

function shownOf(state: AuditEntry['state'], truth: number, minimum: number): ShownCount {
  if (state === 'shown') return shownValue(truth)
  return state === 'small' ? primary(minimum) : secondary()
}

/** A series as an audit model: variables, true values, fixed relations, published entries. */
interface SeriesModel {
  variableCount: number
  truth: number[]
  fixed: Constraint[]
  entries: AuditEntry[]
  slots: Slot[]
  /** Entry index of a report's total of a measure (`${report}|${measure}`). */
  totals: Map<string, number>
  /** Entry index of every position of a report's person measure (`${report}|${measure}|${key}`). */
  positions: Map<string, number>
}

/**
 * The model of one series as the protective pattern publishes it; variable
 * indices start at `offset`, protected groups at `groupBase`.
 */
function seriesModel(
  series: readonly StatisticsTables[],
  views: readonly StatisticsView[],
  offset: number,
  groupBase: number,
  minimum: number
): SeriesModel {
  const truth: number[] = []
  const fixed: Constraint[] = []
  const auditEntries: AuditEntry[] = []
  const slots: Slot[] = []
  const totals = new Map<string, number>()
  const positions = new Map<string, number>()
  const variable = (value: number) => {
    truth.push(value)
    return offset + truth.length - 1
  }
  const value = (index: number) => truth[index - offset]
  const protectedSeries = isProtectedSeries(series, minimum)
  /** cube[k][measure][s][a][o]: variable index. */
  const cube = series.map(
    (tables) =>
      Object.fromEntries(
        personMeasures.map((measure) => {
          // The table origin × sex holds sex and origin; the age band split comes from sex × age band.
          // Variables are the finest cells; their true values follow from the stored counts.
          return [measure, cubeVariables(tables, measure, variable)]
        })
      ) as Record<string, number[][][]>
  )
  series.forEach((tables, k) => {
    const view = views[k]
    for (const [mIndex, measure] of personMeasures.entries()) {
      const shown = view.measures[measure]
      const shownAt = new Map<string, ShownCount>()
      for (const table of ['bySexAndAgeBand', 'byOriginAndSex'] as const) {
        const keys = positionKeys[table]
        const t = shown[table]
        t.cells.forEach((row, i) => row.forEach((c, j) => shownAt.set(keys.cell(i, j), c)))
        t.rowTotals.forEach((c, i) => shownAt.set(keys.row(i), c))
        t.columnTotals.forEach((c, j) => shownAt.set(keys.column(j), c))
        shownAt.set('t', t.total)
      }
      for (const position of measurePositions) {
        const form: [number, number][] = []
        sexes.forEach((_s, s) =>
          ageBands.forEach((_a, a) =>
            origins.forEach((_o, o) => {
              if (position.pick(s, a, o)) form.push([cube[k][measure][s][a][o], 1])
            })
          )
        )
        const state = stateOf(shownAt.get(position.key)!)
        auditEntries.push({
          form,
          truth: form.reduce((sum, [index]) => sum + value(index), 0),
          state,
          group: protectedSeries ? groupBase : undefined,
        })
        slots.push({ report: k, measure, key: position.key, rank: position.rank * 10 + mIndex })
        positions.set(`${k}|${measure}|${position.key}`, auditEntries.length - 1)
        if (position.key === 't') totals.set(`${k}|${measure}`, auditEntries.length - 1)
      }
    }
    // Referrals: one list per report, a protected group of its own.
    const referralVariables = tables.referrals.counts.map((count) => variable(count))
    const referralsProtected = listProtected(tables.referrals, minimum)
    view.referrals.counts.forEach((shown, i) => {
      auditEntries.push({
        form: [[referralVariables[i], 1]],
        truth: tables.referrals.counts[i],
        state: stateOf(shown),
        group: referralsProtected ? groupBase + 1 + k : undefined,
      })
      slots.push({ report: k, measure: 'referrals', key: `r${i}`, rank: 29 })
    })
    auditEntries.push({
      form: referralVariables.map((index) => [index, 1] as const),
      truth: tables.referrals.total,
      state: stateOf(view.referrals.total),
      group: referralsProtected ? groupBase + 1 + k : undefined,
    })
    slots.push({ report: k, measure: 'referrals', key: 'rt', rank: 9 })
    totals.set(`${k}|referrals`, auditEntries.length - 1)
  })

  // The stock-flow identity per sex and origin (an unknown opening stock before the first report),
  // and bed-days: a report with bed-days had someone present.
  const at = (k: number, measure: string, s: number, o: number) =>
    ageBands.map((_a, a) => cube[k][measure][s][a][o])
  const openings =
    series.length === 0
      ? []
      : sexes.map((_s, s) =>
          origins.map((_o, o) => {
            const flow =
              sumOf(at(0, 'residents_end', s, o).map(value)) -
              sumOf(at(0, 'admissions', s, o).map(value)) +
              sumOf(exitMeasures.flatMap((m) => at(0, m, s, o).map(value)))
            return variable(Math.max(0, flow))
          })
        )
  series.forEach((tables, k) => {
    const presence: [number, number][] = []
    sexes.forEach((_s, s) =>
      origins.forEach((_o, o) => {
        const before = k === 0 ? [openings[s][o]] : at(k - 1, 'residents_end', s, o)
        const form: [number, number][] = [
          ...at(k, 'residents_end', s, o).map((i) => [i, 1] as [number, number]),
          ...at(k, 'admissions', s, o).map((i) => [i, -1] as [number, number]),
          ...exitMeasures.flatMap((m) => at(k, m, s, o).map((i) => [i, 1] as [number, number])),
          ...before.map((i) => [i, -1] as [number, number]),
        ]
        if (evaluateForm(form, value) === 0) fixed.push({ form, lb: 0, ub: 0 })
        presence.push(
          ...before.map((i) => [i, 1] as [number, number]),
          ...at(k, 'admissions', s, o).map((i) => [i, 1] as [number, number])
        )
      })
    )
    if (tables.measures.bed_days.bySexAndAgeBand.total > 0 && evaluateForm(presence, value) >= 1) {
      fixed.push({ form: presence, lb: 1, ub: upperBound * presence.length })
    }
  })
  return {
    variableCount: truth.length,
    truth,
    fixed,
    entries: auditEntries,
    slots,
    totals,
    positions,
  }
}

function sumOf(values: readonly number[]) {
  return values.reduce((a, b) => a + b, 0)
}

function evaluateForm(form: Form, value: (index: number) => number) {
  return form.reduce((total, [index, coef]) => total + coef * value(index), 0)
}

/**
 * The finest cells of a measure (sex × age band × origin) as variables.
 * The two published tables do not give them uniquely; any split that
 * reproduces both tables is a true solution for the audit's purpose, so
 * the cells are split greedily (north-west corner rule per sex).
 */
function cubeVariables(
  tables: StatisticsTables,
  measure: StatisticMeasure,
  variable: (value: number) => number
): number[][][] {
  const { bySexAndAgeBand, byOriginAndSex } = tables.measures[measure]
  return sexes.map((_s, s) => {
    const byBand = [...bySexAndAgeBand.cells[s]]
    const byOrigin = origins.map((_o, o) => byOriginAndSex.cells[o][s])
    const split = ageBands.map(() => origins.map(() => 0))
    for (let a = 0; a < ageBands.length; a++) {
      for (let o = 0; o < origins.length; o++) {
        const take = Math.min(byBand[a], byOrigin[o])
        split[a][o] = take
        byBand[a] -= take
        byOrigin[o] -= take
      }
    }
    return ageBands.map((_a, a) => origins.map((_o, o) => variable(split[a][o])))
  })
}

/*
 * Budgets and stored patterns (ADR 0025). The least suppression of a
 * series is computed when its data changes (statistics saved, a report
 * approved) with a large budget and kept in a store keyed by the data's
 * version (`patternKey`); a view reads the stored pattern and never runs
 * an unbounded solve: when nothing is stored yet it computes with a small
 * budget.
 *
 * The greedy order is fixed and every decision is exact, so a run with a
 * budget is the run without one cut short: the entries decided before the
 * budget ran out are decided alike, the rest stay hidden. A pattern cut
 * short therefore shows a subset of what the full pattern shows (safe,
 * even together with it), and is the same for the same data, minimum and
 * budget.
 */

/** Solves allowed when the data changes (the stored pattern). */
export const storedSolveBudget = 20_000
/** Solves allowed when a view finds nothing stored. */
export const viewSolveBudget = 40
/** Version of the stored patterns: changes with the method or `storedSolveBudget`. */
const patternVersion = 'least-v1'

/** Where patterns computed before are kept (a table keyed by the data's version). */
export interface PatternStore {
  load(key: string): Promise<string | null>
  save(key: string, json: string): Promise<void>
}

/** Options of the least suppression and the roll-ups. */
export interface LeastOptions {
  /** The publication minimum in force (default 5): counts from 1 to minimum − 1 are "<minimum". */
  minimum?: number
  /**
   * Solves allowed (default `viewSolveBudget`); when spent, the entries not
   * yet tried stay hidden (safe, less minimal).
   */
  maxSolves?: number
  /** Stored patterns: read first; a complete result (or any, with `persist`) is written. */
  store?: PatternStore
  /**
   * Write the result to the store even when the budget ran out (the
   * computation at data change). A stored result of the same key is used
   * as it is: it is complete, or was itself computed to be stored.
   */
  persist?: boolean
  /**
   * Called when the result is not the settled pattern (nothing stored for
   * this data and minimum, and the view budget cut the computation short):
   * the caller may have it settled in the background (ADR 0033).
   */
  unsettled?: () => void
}

/** The outcome for a series: its views and how much of it is hidden. */
export interface SeriesDisclosure {
  views: StatisticsView[]
  /** Published person-count and referral entries, and how many of them are hidden. */
  published: number
  hidden: number
  /** Hidden before the least step (the protective pattern). */
  hiddenBefore: number
  /** Whether every candidate was tried (false when the budget ran out). */
  complete: boolean
  /** Whether this is the pattern every outlet shows: complete, stored or computed to be stored. */
  settled: boolean
  /** Integer programmes solved to find it. */
  solves: number
  /** The model's witnesses, for the roll-up audit. */
  witnesses: readonly Float64Array[]
}

const seriesCache = new Map<string, Promise<SeriesDisclosure>>()
const cacheSize = 500

function remember<T>(cache: Map<string, Promise<T>>, key: string, compute: () => Promise<T>) {
  const known = cache.get(key)
  if (known) return known
  const promise = compute()
  cache.set(key, promise)
  promise.catch(() => cache.delete(key))
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value!)
  return promise
}

/** A key of the data of a series: a new version of any report is a new key. */
function seriesKey(series: readonly StatisticsTables[]) {
  return JSON.stringify(
    series.map((tables) => [
      statisticMeasures.map((m) => [
        tables.measures[m].bySexAndAgeBand.cells,
        tables.measures[m].byOriginAndSex.cells,
      ]),
      tables.referrals.counts,
    ])
  )
}

/** Forgets every pattern and roll-up kept in memory (tests and measurements). */
export function forgetPatterns() {
  seriesCache.clear()
  rollupCache.clear()
  rollupRuns.clear()
}

function digest(text: string) {
  return createHash('sha256').update(text).digest('hex')
}

/** The key of a series' stored pattern: the method, the minimum and the data (SHA-256). */
export function patternKey(series: readonly StatisticsTables[], minimum = defaultMinimum) {
  return digest(`${patternVersion}|series|${minimum}|${seriesKey(series)}`)
}

function toJson(d: SeriesDisclosure) {
  return JSON.stringify({ ...d, witnesses: d.witnesses.slice(0, 60).map((w) => Array.from(w)) })
}

function fromJson(json: string): SeriesDisclosure {
  const parsed = JSON.parse(json) as Omit<SeriesDisclosure, 'witnesses'> & {
    witnesses: number[][]
  }
  return { ...parsed, settled: true, witnesses: parsed.witnesses.map((w) => Float64Array.from(w)) }
}
function viewsOf(
  series: readonly StatisticsTables[],
  protective: readonly StatisticsView[],
  model: SeriesModel,
  minimum: number
): StatisticsView[] {
  const stateAt = new Map<string, AuditEntry>()
  model.slots.forEach((slot, i) =>
    stateAt.set(`${slot.report}|${slot.measure}|${slot.key}`, model.entries[i])
  )
  const shownAt = (k: number, measure: string, key: string) => {
    const entry = stateAt.get(`${k}|${measure}|${key}`)!
    return shownOf(entry.state, entry.truth, minimum)
  }
  return series.map((tables, k) => {
    const measures = { ...protective[k].measures }
    for (const measure of personMeasures) {
      const table = <R extends string, C extends string>(
        source: CountTable<R, C>,
        keys: (typeof positionKeys)[keyof typeof positionKeys]
      ): ShownTable<R, C> => ({
        rows: source.rows,
        columns: source.columns,
        cells: source.cells.map((row, i) =>
          row.map((_, j) => shownAt(k, measure, keys.cell(i, j)))
        ),
        rowTotals: source.rowTotals.map((_, i) => shownAt(k, measure, keys.row(i))),
        columnTotals: source.columnTotals.map((_, j) => shownAt(k, measure, keys.column(j))),
        total: shownAt(k, measure, 't'),
      })
      measures[measure] = {
        bySexAndAgeBand: table(
          tables.measures[measure].bySexAndAgeBand,
          positionKeys.bySexAndAgeBand
        ),
        byOriginAndSex: table(tables.measures[measure].byOriginAndSex, positionKeys.byOriginAndSex),
      }
    }
    return {
      measures,
      referrals: {
        keys: tables.referrals.keys,
        counts: tables.referrals.counts.map((_, i) => shownAt(k, 'referrals', `r${i}`)),
        total: shownAt(k, 'referrals', 'rt'),
      },
    }
  })
}

async function computeLeast(
  series: readonly StatisticsTables[],
  minimum: number,
  maxSolves: number
): Promise<SeriesDisclosure> {
  const protective = protectiveSeries(series, { insider: false }, minimum)
  const model = seriesModel(series, protective, 0, 0, minimum)
  const hiddenBefore = model.entries.filter((e) => e.state !== 'shown').length
  const audit = new DisclosureAudit(
    await glpk(),
    model.variableCount,
    model.truth,
    model.fixed,
    model.entries,
    maxSolves,
    minimum
  )
  let complete = true
  if (hiddenBefore > 0) {
    const candidates = model.entries
      .map((entry, index) => ({ entry, index, slot: model.slots[index] }))
      .filter(
        ({ entry }) => entry.state === 'large' || (entry.state === 'small' && entry.truth === 0)
      )
      .sort(
        (a, b) => a.slot.rank - b.slot.rank || a.slot.report - b.slot.report || a.index - b.index
      )
    try {
      for (const { index } of candidates) await audit.tryShow(index)
    } catch (error) {
      if (!(error instanceof AuditBudgetExceeded)) throw error
      complete = false
    }
  }
  return {
    views: viewsOf(series, protective, model, minimum),
    published: model.entries.length,
    hidden: model.entries.filter((e) => e.state !== 'shown').length,
    hiddenBefore,
    complete,
    settled: complete,
    solves: audit.solves,
    witnesses: audit.witnesses,
  }
}

/**
 * The least suppression of a series for outsiders: the protective
 * pattern, then each hidden "x" and hidden zero tried in a fixed order
 * (totals, margins, cells; earlier reports first) and shown again when
 * the audit still finds two values for every hidden entry.
 *
 * A stored pattern of the same data and minimum is used as it is;
 * otherwise it is computed within the budget (see above) and stored when
 * complete, or always with `persist`. Cached in memory by the key.
 */
export async function leastSuppression(
  series: readonly StatisticsTables[],
  options: LeastOptions = {}
): Promise<SeriesDisclosure> {
  const minimum = options.minimum ?? defaultMinimum
  const maxSolves = options.maxSolves ?? viewSolveBudget
  const key = patternKey(series, minimum)
  const settled = seriesCache.get(key)
  if (settled && !options.persist) return settled
  const stored = options.store ? await options.store.load(key) : null
  if (stored) return remember(seriesCache, key, async () => fromJson(stored))
  // Known in memory but not stored (its row deleted or rolled back): a settle stores it again.
  if (settled) {
    const result = await settled
    await options.store?.save(key, toJson(result))
    return result
  }
  // A view without a stored pattern computes within its budget; a cut pattern is not kept as settled.
  const computed = await remember(seriesCache, `${maxSolves}|${key}`, () =>
    computeLeast(series, minimum, maxSolves)
  )
  if (computed.complete || options.persist) {
    const result = { ...computed, settled: true }
    await options.store?.save(key, toJson(result))
    seriesCache.delete(key)
    remember(seriesCache, key, async () => result)
    return result
  }
  options.unsettled?.()
  return computed
}

/**
 * Computes and stores the least suppression of a series with the large
 * budget (`storedSolveBudget`): run when the data changes, so that views
 * only read.
 */
export function settleSeries(
  series: readonly StatisticsTables[],
  store: PatternStore,
  minimum = defaultMinimum
) {
  return leastSuppression(series, { minimum, store, maxSolves: storedSolveBudget, persist: true })
}

/**
 * Every report of a series as the viewer may see it, in period order:
 * everything for insiders and for a series without a count from 1 to
 * minimum − 1, otherwise the least suppression.
 */
export async function discloseSeries(
  series: readonly StatisticsTables[],
  viewer: Viewer,
  options: LeastOptions = {}
): Promise<StatisticsView[]> {
  const minimum = options.minimum ?? defaultMinimum
  if (viewer.insider || !isProtectedSeries(series, minimum)) {
    return protectiveSeries(series, viewer, minimum)
  }
  const least = await leastSuppression(series, options)
  return least.views
}

/** One series behind roll-ups: its reports and whether the viewer is its insider. */
export interface RollupSeries {
  tables: readonly StatisticsTables[]
  insider: boolean
}

/** A roll-up: the sum of some reports' totals of one measure (or of one breakdown entry of it). */
export interface RollupDefinition {
  measure: StatisticMeasure | 'referrals'
  contributors: readonly { series: number; report: number }[]
  /**
   * A breakdown entry of a person measure instead of its total
   * (`breakdownPosition`): the sum of the reports' margins of one sex, age
   * band or origin. Breakdown roll-ups come after every total roll-up.
   */
  position?: BreakdownPosition
}

/** The breakdowns of a person count and their categories, in the order of the statistics tables. */
export const breakdownCategories = {
  sex: sexes,
  age_band: ageBands,
  origin: origins,
} as const
export type BreakdownKind = keyof typeof breakdownCategories

/** A margin of a measure's tables: s0/s1 (sex), a0/a1 (age band), g0/g1 (origin). */
export type BreakdownPosition = `${'s' | 'a' | 'g'}${number}`

/** The position of one category of a breakdown (`sex`, 0 → s0: female). */
export function breakdownPosition(kind: BreakdownKind, index: number): BreakdownPosition {
  if (!Number.isInteger(index) || index < 0 || index >= breakdownCategories[kind].length) {
    throw new RangeError(`No category ${index} of ${kind}`)
  }
  return `${{ sex: 's', age_band: 'a', origin: 'g' }[kind] as 's' | 'a' | 'g'}${index}`
}

/** The true value of a roll-up's entry in one report: a total, or a margin of a person measure. */
function rollupEntryOf(tables: StatisticsTables, rollup: RollupDefinition) {
  const { measure, position } = rollup
  if (measure === 'referrals') {
    if (position) throw new RangeError('Referrals have no breakdown')
    return tables.referrals.total
  }
  const { bySexAndAgeBand, byOriginAndSex } = tables.measures[measure]
  if (!position) return bySexAndAgeBand.total
  if (measure === 'bed_days') throw new RangeError('Bed-days roll-ups have no breakdown')
  const index = Number(position.slice(1))
  if (position.startsWith('s')) return bySexAndAgeBand.rowTotals[index]
  if (position.startsWith('a')) return bySexAndAgeBand.columnTotals[index]
  return byOriginAndSex.rowTotals[index]
}

/**
 * The complementary suppression of one breakdown of a roll-up (a total
 * and its categories, which add up to it): when one entry is hidden, a
 * second one is hidden too ("x"), so that no hidden entry is the total
 * less the others (or their sum). Entries already hidden keep their mark.
 */
export function complementBreakdown(
  total: ShownCount,
  cells: readonly ShownCount[]
): { total: ShownCount; cells: ShownCount[] } {
  const hidden = [total, ...cells].filter(isHidden).length
  if (hidden !== 1) return { total, cells: [...cells] }
  // The smallest category still shown is hidden too (the total when none is left).
  const smallest = cells
    .map((cell, index) => ({ value: isHidden(cell) ? null : cell.value, index }))
    .filter((c): c is { value: number; index: number } => c.value !== null)
    .sort((a, b) => a.value - b.value || a.index - b.index)[0]
  if (!smallest) return { total: secondary(), cells: [...cells] }
  const out = [...cells]
  out[smallest.index] = secondary()
  return { total, cells: out }
}

const rollupCache = new Map<string, Promise<ShownCount[]>>()
const rollupRuns = new Map<
  string,
  Promise<{ shown: ShownCount[]; settled: boolean; complete: boolean }>
>()

/**
 * Roll-ups (indicator actuals, lead-grant and national totals) as the
 * viewer may see them. A roll-up whose contributors the viewer all sees
 * is shown ("<5" for 1–4); one over a hidden report total is shown only
 * when the audit of everything together (every series with its settled
 * least pattern, and the roll-ups shown so far) still finds two values
 * for every hidden entry; otherwise it is withheld ("x"). Tried in the
 * order given. While a series' pattern is not settled (a view that found
 * nothing stored), every roll-up over it is withheld. Stored like the
 * series' patterns.
 */
export async function discloseRollups(
  seriesList: readonly RollupSeries[],
  rollups: readonly RollupDefinition[],
  options: LeastOptions = {}
): Promise<ShownCount[]> {
  const minimum = options.minimum ?? defaultMinimum
  const key = digest(
    JSON.stringify([
      patternVersion,
      'rollups',
      minimum,
      seriesList.map((s) => [s.insider, seriesKey(s.tables)]),
      rollups,
    ])
  )
  const known = rollupCache.get(key)
  if (known && !options.persist) return known
  const stored = options.store ? await options.store.load(key) : null
  if (stored) return remember(rollupCache, key, async () => JSON.parse(stored) as ShownCount[])
  if (known) {
    const shown = await known
    await options.store?.save(key, JSON.stringify(shown))
    return shown
  }
  const maxSolves = options.maxSolves ?? viewSolveBudget
  const computed = await remember(rollupRuns, `${maxSolves}|${key}`, () =>
    computeRollups(seriesList, rollups, { ...options, minimum, maxSolves })
  )
  if ((computed.settled && computed.complete) || options.persist) {
    await options.store?.save(key, JSON.stringify(computed.shown))
    rollupCache.delete(key)
    remember(rollupCache, key, async () => computed.shown)
  } else {
    options.unsettled?.()
  }
  return computed.shown
}

async function computeRollups(
  seriesList: readonly RollupSeries[],
  rollups: readonly RollupDefinition[],
  options: LeastOptions & { minimum: number; maxSolves: number }
): Promise<{ shown: ShownCount[]; settled: boolean; complete: boolean }> {
  const minimum = options.minimum
  const rollupShown = (value: number): ShownCount =>
    isSmall(value, minimum) ? primary(minimum) : shownValue(value)

  // Every series the viewer sees suppressed, with its least pattern, in one model.
  const models = new Map<
    number,
    { model: SeriesModel; offset: number; disclosure: SeriesDisclosure }
  >()
  const truth: number[] = []
  const fixed: Constraint[] = []
  const auditEntries: AuditEntry[] = []
  let groupBase = 0
  let settled = true
  for (const [i, s] of seriesList.entries()) {
    if (s.insider || !isProtectedSeries(s.tables, minimum)) continue
    // Each series' pattern as every outlet shows it: stored, or within the view budget
    // (settled with the stored budget when the roll-ups are).
    const disclosure = await leastSuppression(s.tables, {
      minimum,
      store: options.store,
      maxSolves: options.persist ? storedSolveBudget : viewSolveBudget,
      persist: options.persist,
    })
    settled &&= disclosure.settled
    const model = seriesModel(s.tables, disclosure.views, truth.length, groupBase, minimum)
    groupBase += s.tables.length + 1
    models.set(i, { model, offset: truth.length, disclosure })
    truth.push(...model.truth)
    fixed.push(...model.fixed)
    auditEntries.push(...model.entries)
  }
  const entryOffset = new Map<number, number>()
  {
    let at = 0
    for (const [i, m] of models) {
      entryOffset.set(i, at)
      at += m.model.entries.length
    }
  }
  const results: ShownCount[] = []
  const pending: { result: number; entry: number; breakdown: boolean }[] = []
  for (const rollup of rollups) {
    const value = sumOf(
      rollup.contributors.map((c) => rollupEntryOf(seriesList[c.series].tables[c.report], rollup))
    )
    const form = new Map<number, number>()
    let known = 0
    let hidden = false
    for (const c of rollup.contributors) {
      const m = rollup.measure !== 'bed_days' ? models.get(c.series) : undefined
      const total = rollupEntryOf(seriesList[c.series].tables[c.report], rollup)
      const index = rollup.position
        ? m?.model.positions.get(`${c.report}|${rollup.measure}|${rollup.position}`)
        : m?.model.totals.get(`${c.report}|${rollup.measure}`)
      if (!m || index === undefined || m.model.entries[index].state === 'shown') {
        known += total
        continue
      }
      hidden = true
      for (const [v, coef] of m.model.entries[index].form) form.set(v, (form.get(v) ?? 0) + coef)
    }
    results.push(rollupShown(value))
    if (!hidden) continue
    results[results.length - 1] = secondary()
    auditEntries.push({
      form: [...form],
      truth: value - known,
      state: 'withheld',
      shownRange: isSmall(value, minimum) ? [1 - known, minimum - 1 - known] : undefined,
    })
    pending.push({
      result: results.length - 1,
      entry: auditEntries.length - 1,
      breakdown: rollup.position !== undefined,
    })
  }
  if (pending.length === 0 || !settled) return { shown: results, settled, complete: true }
  const audit = new DisclosureAudit(
    await glpk(),
    truth.length,
    truth,
    fixed,
    auditEntries,
    options.maxSolves,
    minimum
  )
  // Each series' witnesses hold in the joint model while no roll-up is shown.
  for (const { model, offset, disclosure } of models.values()) {
    for (const witness of disclosure.witnesses.slice(1, 60)) {
      const point = Float64Array.from(truth)
      point.set(witness.subarray(0, model.variableCount), offset)
      audit.addWitness(point)
    }
  }
  let protecting = false
  try {
    for (const { result, entry, breakdown } of pending) {
      if (breakdown && !protecting) {
        /*
         * From the first breakdown on, every roll-up withheld or shown as
         * "<5" must keep two values too: a breakdown is shown only when no
         * such roll-up (a hidden category, a small total) can then be worked
         * out. The total roll-ups before were decided without it, exactly as
         * where they are shown without their breakdowns.
         */
        protecting = true
        for (const p of pending) auditEntries[p.entry].protect = true
      }
      if (await audit.tryShow(entry))
        results[result] = rollupShown(
          sumOf(
            rollups[result].contributors.map((c) =>
              rollupEntryOf(seriesList[c.series].tables[c.report], rollups[result])
            )
          )
        )
    }
  } catch (error) {
    if (!(error instanceof AuditBudgetExceeded)) throw error
    return { shown: results, settled, complete: false }
  }
  return { shown: results, settled, complete: true }
}
