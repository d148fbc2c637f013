import type {
  BreakdownKind,
  RollupContributor,
  RollupDefinition,
  ShownCount,
  Viewer,
} from '#domain/reports/disclosure'
import {
  breakdownCategories,
  breakdownPosition,
  complementBreakdown,
  defaultMinimum,
  discloseRollup,
  discloseRollups,
  isHidden,
  storedSolveBudget,
} from '#domain/reports/disclosure'
import { shownActual } from '#domain/reports/indicators'
import type { StatisticMeasure } from '#domain/reports/statistics'
import { personMeasures } from '#domain/reports/statistics'
import type { Logframe } from '#domain/narrative/logframe'
import type { Breakdown, IndicatorValue } from '#domain/narrative/narrative_report'
import { seriesIsProtected } from '#domain/narrative/narrative_report'
import Grant from '#models/grant'
import type Indicator from '#models/indicator'
import LogframeModel from '#models/logframe'
import NarrativeReport from '#models/narrative_report'
import type { SeriesDisclosure } from '#queries/indicator_series'
import { statisticRollupPlan } from '#queries/indicator_actuals'

/** One breakdown of a year's actual value: the total and each category, as the viewer may see them. */
export interface BreakdownTable {
  kind: BreakdownKind
  total: ShownCount
  cells: { category: string; shown: ShownCount }[]
}

/** The breakdowns of an indicator's actual value in one year. */
export interface YearBreakdowns {
  year: number
  tables: BreakdownTable[]
}

/** The breakdowns an indicator declares, in the order sex, age band, origin. */
function declaredKinds(indicator: Indicator): BreakdownKind[] {
  return (Object.keys(breakdownCategories) as BreakdownKind[]).filter((kind) =>
    indicator.disaggregation.includes(kind)
  )
}

/**
 * The disaggregated actual values of an indicator per year (sex, age band,
 * origin, as the indicator declares them), as the viewer may see them
 * (DOMAIN-RULES §9, `#domain/reports/disclosure`):
 *
 * - `service_statistics` (a person measure): the margins of the approved
 *   reports' tables, summed per year of the period end. The breakdown
 *   roll-ups go through the same `discloseRollups` as the totals shown on
 *   the indicator's page, after them and in the same order, so the totals
 *   come out as they are shown there; a breakdown is shown only when
 *   everything shown together still keeps every hidden count, and every
 *   withheld or "<5" roll-up, undetermined.
 * - `narrative_reports`: the breakdowns of the approved narrative reports'
 *   values for the logframe indicators linked to it, withheld ("x") when
 *   any contributing grant is hidden from the viewer, like the totals.
 *
 * In both, a table with one hidden entry has a second one hidden
 * (`complementBreakdown`), and "<5" stands for 1 to minimum − 1.
 * Values entered by hand have no breakdown.
 */
export async function indicatorBreakdowns(
  indicator: Indicator,
  viewerOf: (organisationId: number) => Viewer,
  disclosure: SeriesDisclosure
): Promise<YearBreakdowns[]> {
  const kinds = declaredKinds(indicator)
  if (kinds.length === 0) return []
  if (indicator.rule === 'service_statistics') {
    if (!(personMeasures as readonly string[]).includes(indicator.measure)) return []
    return statisticBreakdowns(indicator.measure as StatisticMeasure, kinds, viewerOf, disclosure)
  }
  if (indicator.rule === 'narrative_reports') {
    return narrativeBreakdowns(indicator.id, kinds, viewerOf, disclosure.minimum)
  }
  return []
}

async function statisticBreakdowns(
  measure: StatisticMeasure,
  kinds: BreakdownKind[],
  viewerOf: (organisationId: number) => Viewer,
  disclosure: SeriesDisclosure
): Promise<YearBreakdowns[]> {
  /*
   * The roll-ups every outlet publishes first, exactly as `statisticRollups`
   * audits them (all measures, national then per grant), so that the totals
   * come out as shown everywhere; then this indicator's breakdowns.
   */
  const {
    seriesList,
    contributions,
    years,
    definitions: published,
    slots,
  } = await statisticRollupPlan(viewerOf)
  if (published.length === 0) return []
  const definitions: RollupDefinition[] = [...published]
  const inYear = (year: number) =>
    contributions.filter((c) => c.year === year).map((c) => c.contributor)
  const nationalAt = new Map<number, number>()
  for (const [i, slot] of slots.entries()) {
    if (slot.grant === null && slot.measure === measure) nationalAt.set(slot.year, i)
  }
  const cellAt = new Map<string, number>()
  for (const year of years) {
    for (const kind of kinds) {
      breakdownCategories[kind].forEach((_, i) => {
        cellAt.set(`${year}|${kind}|${i}`, definitions.length)
        definitions.push({
          measure,
          contributors: inYear(year),
          position: breakdownPosition(kind, i),
        })
      })
    }
  }
  const { minimum, store, settle } = disclosure
  const shown = await discloseRollups(
    seriesList,
    definitions,
    settle ? { minimum, store, maxSolves: storedSolveBudget, persist: true } : { minimum, store }
  )
  // A viewer who is an insider of every shelter sees every count anyway: nothing to complement.
  const complement = seriesList.every((series) => series.insider) ? asShown : complementBreakdown
  return years.map((year) => ({
    year,
    tables: kinds.map((kind) => {
      const categories = breakdownCategories[kind]
      const complemented = complement(
        shown[nationalAt.get(year)!],
        categories.map((_, i) => shown[cellAt.get(`${year}|${kind}|${i}`)!])
      )
      return {
        kind,
        total: complemented.total,
        cells: categories.map((category, i) => ({ category, shown: complemented.cells[i] })),
      }
    }),
  }))
}

/** A breakdown as the roll-ups give it (for a viewer who is an insider of every contributor). */
function asShown(total: ShownCount, cells: readonly ShownCount[]) {
  return { total, cells: [...cells] }
}

/** The key of a breakdown in a narrative report's indicator value. */
const contentKey: Record<BreakdownKind, Breakdown> = {
  sex: 'sex',
  age_band: 'ageBand',
  origin: 'origin',
}

async function narrativeBreakdowns(
  indicatorId: number,
  kinds: BreakdownKind[],
  viewerOf: (organisationId: number) => Viewer,
  minimum = defaultMinimum
): Promise<YearBreakdowns[]> {
  const approved = await NarrativeReport.query().where('status', 'approved').select('grant_id')
  const grantIds = [...new Set(approved.map((r) => r.grantId))]
  if (grantIds.length === 0) return []
  const [grants, logframes, reports] = await Promise.all([
    Grant.query().whereIn('id', grantIds).orderBy('reference'),
    LogframeModel.query().whereIn('grant_id', grantIds).orderBy('version', 'desc'),
    NarrativeReport.query().whereIn('grant_id', grantIds).orderBy('period_number'),
  ])
  /** Per year: each grant's total and breakdown sums (null where a value had no such breakdown). */
  const byYear = new Map<
    number,
    {
      hidden: boolean
      insider: boolean
      total: number
      parts: Map<BreakdownKind, number[] | null>
    }[]
  >()
  for (const grant of grants) {
    const logframe = logframes.find((l) => l.grantId === grant.id)?.content
    if (!logframe) continue
    const refs = linkedRefs(logframe, indicatorId)
    if (refs.length === 0) continue
    const own = reports.filter((r) => r.grantId === grant.id)
    const insider = viewerOf(grant.granteeOrganisationId).insider
    const hidden =
      !insider &&
      seriesIsProtected(
        own.map((r) => r.content),
        peopleRefs(logframe),
        minimum
      )
    const perYear = new Map<number, IndicatorValue[]>()
    for (const report of own.filter((r) => r.status === 'approved')) {
      const period = grant.periods.find((p) => p.number === report.periodNumber)
      const rows = report.content.indicators.filter(
        (row) =>
          refs.includes(row.ref) &&
          Number.isSafeInteger(Number(row.value)) &&
          Number(row.value) >= 0
      )
      if (!period || rows.length === 0) continue
      const year = Number(period.endsOn.slice(0, 4))
      perYear.set(year, [...(perYear.get(year) ?? []), ...rows])
    }
    for (const [year, rows] of perYear) {
      const parts = new Map<BreakdownKind, number[] | null>()
      for (const kind of kinds) {
        const categories = breakdownCategories[kind]
        const complete = rows.every((row) => row[contentKey[kind]] !== undefined)
        parts.set(
          kind,
          complete
            ? categories.map((category) =>
                rows.reduce(
                  (sum, row) =>
                    sum + Number((row[contentKey[kind]] as Record<string, number>)[category] ?? 0),
                  0
                )
              )
            : null
        )
      }
      const total = rows.reduce((sum, row) => sum + Number(row.value), 0)
      byYear.set(year, [...(byYear.get(year) ?? []), { hidden, insider, total, parts }])
    }
  }
  const complement = [...byYear.values()].every((grantsOfYear) =>
    grantsOfYear.every((g) => g.insider)
  )
    ? asShown
    : complementBreakdown
  const rollup = (contributors: RollupContributor[]) => {
    const shown = discloseRollup(contributors)
    return isHidden(shown) ? shown : shownActual(shown.value, minimum)
  }
  return [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([year, grantsOfYear]) => ({
      year,
      tables: kinds
        .filter((kind) => grantsOfYear.every((g) => g.parts.get(kind) !== null))
        .map((kind) => {
          const categories = breakdownCategories[kind]
          const complemented = complement(
            rollup(grantsOfYear.map((g) => ({ value: g.total, hidden: g.hidden }))),
            categories.map((_, i) =>
              rollup(grantsOfYear.map((g) => ({ value: g.parts.get(kind)![i], hidden: g.hidden })))
            )
          )
          return {
            kind,
            total: complemented.total,
            cells: categories.map((category, i) => ({ category, shown: complemented.cells[i] })),
          }
        }),
    }))
}

/** The refs of a logframe's indicators that measure the programme indicator. */
function linkedRefs(logframe: Logframe, indicatorId: number) {
  return logframe.indicators.filter((i) => i.programmeIndicatorId === indicatorId).map((i) => i.ref)
}

/** The people-count indicators of a logframe (protected like the statistics). */
function peopleRefs(logframe: Logframe) {
  return new Set(logframe.indicators.filter((i) => i.disaggregated).map((i) => i.ref))
}
