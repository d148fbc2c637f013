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
import { personMeasures, smallestShownCount, statisticMeasures } from '#domain/reports/statistics'

export type { ShownCount }

/** Who is looking: insiders see every count. */
export interface Viewer {
  insider: boolean
}

/** The mark of a primary suppression (a count from 1 to 4). */
export const primaryMark = `<${smallestShownCount}`
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

function isSmall(value: number) {
  return value >= 1 && value < smallestShownCount
}

const shownValue = (value: number): ShownCount => ({ value })
const primary = (): ShownCount => ({ suppressed: true, mark: primaryMark })
const secondary = (): ShownCount => ({ suppressed: true, mark: secondaryMark })

/** Every entry of a table: cells, row totals, column totals and the total. */
function entries(table: CountTable) {
  return [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]
}

/** Whether any person-count entry of the report is from 1 to 4. */
export function hasSmallCount(tables: StatisticsTables) {
  return personMeasures.some((measure) => {
    const { bySexAndAgeBand, byOriginAndSex } = tables.measures[measure]
    return [...entries(bySexAndAgeBand), ...entries(byOriginAndSex)].some(isSmall)
  })
}

/** Whether a series (the reports of one grant) must be protected for outsiders. */
export function isProtectedSeries(series: readonly StatisticsTables[]) {
  return series.some(hasSmallCount)
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
function protectedMeasure(tables: MeasureTables): ShownMeasureTables {
  return mapMeasure(tables, (value) => (value < smallestShownCount ? primary() : secondary()))
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

function shownList<K extends string>(list: CountList<K>): ShownList<K> {
  if (!list.counts.some(isSmall) && !isSmall(list.total)) {
    return { keys: list.keys, counts: list.counts.map(shownValue), total: shownValue(list.total) }
  }
  if (isSmall(list.total)) {
    return { keys: list.keys, counts: list.counts.map(primary), total: primary() }
  }
  return {
    keys: list.keys,
    counts: list.counts.map((value) =>
      value === 0 ? shownValue(0) : isSmall(value) ? primary() : secondary()
    ),
    total: secondary(),
  }
}

/**
 * One report as the viewer may see it. `protectedSeries` says whether the
 * report's series (its grant's reports) is protected (`isProtectedSeries`).
 */
export function discloseReport(
  tables: StatisticsTables,
  viewer: Viewer,
  protectedSeries: boolean
): StatisticsView {
  const all = (measure: StatisticMeasure) => mapMeasure(tables.measures[measure], shownValue)
  const measures = Object.fromEntries(
    statisticMeasures.map((measure) => {
      if (viewer.insider || !protectedSeries) return [measure, all(measure)]
      if (measure === 'bed_days') return [measure, protectedBedDays(tables.measures[measure])]
      return [measure, protectedMeasure(tables.measures[measure])]
    })
  ) as Record<StatisticMeasure, ShownMeasureTables>
  const referrals: ShownList<ReferralSource> = viewer.insider
    ? {
        keys: tables.referrals.keys,
        counts: tables.referrals.counts.map(shownValue),
        total: shownValue(tables.referrals.total),
      }
    : shownList(tables.referrals)
  return { measures, referrals }
}

/** Every report of a series as the viewer may see it, in the order given. */
export function discloseSeries(
  series: readonly StatisticsTables[],
  viewer: Viewer
): StatisticsView[] {
  const isProtected = !viewer.insider && isProtectedSeries(series)
  return series.map((tables) => discloseReport(tables, viewer, isProtected))
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
