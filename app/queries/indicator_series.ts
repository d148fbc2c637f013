import type {
  PatternStore,
  RollupDefinition,
  RollupSeries,
  ShownCount,
  Viewer,
} from '#domain/reports/disclosure'
import { discloseRollups, storedSolveBudget } from '#domain/reports/disclosure'
import { shownActual } from '#domain/reports/indicators'
import type { StatisticMeasure } from '#domain/reports/statistics'
import { enteredActuals } from '#domain/results/framework'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import type Indicator from '#models/indicator'
import IndicatorValue from '#models/indicator_value'
import { statisticsSeries } from '#queries/statistics_series'
import { narrativeReportActuals } from '#queries/narrative_actuals'

/** One value of a series as the viewer may see it, with the true value kept for the status. */
export interface SeriesPoint {
  year: number
  shown: ShownCount
  /** The true value; used only to say met/not met where `shown` is not hidden. */
  value: number
}

export interface GrantSeriesPoint extends SeriesPoint {
  grantId: number
  grantReference: string
}

export interface IndicatorSeries {
  byYear: SeriesPoint[]
  byGrant: GrantSeriesPoint[]
}

type Measure = StatisticMeasure | 'referrals'

/** The publication minimum in force and the stored patterns (ADR 0025); `settle` computes and stores them. */
export interface SeriesDisclosure {
  minimum?: number
  store?: PatternStore
  settle?: boolean
}

/**
 * The actual values of indicators, per year and per grant and year, as
 * the viewer may see them.
 *
 * - `service_statistics`: sums of one measure over the approved reports
 *   whose period ends in the year. All roll-ups (national ones first, in
 *   year and measure order, then each grant's) go through one
 *   `discloseRollups`, so what one outsider sees together never gives a
 *   hidden count away (DOMAIN-RULES §9).
 * - `manual`: the latest value entered with evidence per year and grant.
 * - `narrative_reports`: the values of approved narrative reports
 *   (`narrativeReportActuals`).
 */
export async function indicatorSeries(
  indicators: readonly Indicator[],
  viewerOf: (organisationId: number) => Viewer,
  disclosure: SeriesDisclosure = {}
): Promise<Map<number, IndicatorSeries>> {
  const series = new Map<number, IndicatorSeries>()
  const measures = new Set(
    indicators.filter((i) => i.rule === 'service_statistics').map((i) => i.measure as Measure)
  )
  const statistics =
    measures.size > 0 ? await statisticRollups([...measures], viewerOf, disclosure) : null
  const manualIds = indicators.filter((i) => i.rule === 'manual').map((i) => i.id)
  const entered = manualIds.length
    ? await IndicatorValue.query().whereIn('indicator_id', manualIds).orderBy('id')
    : []
  const references = await grantReferences(entered.map((e) => e.grantId))
  const narrative = await narrativeReportActuals(
    indicators.filter((i) => i.rule === 'narrative_reports'),
    viewerOf,
    disclosure.minimum
  )
  for (const indicator of indicators) {
    if (indicator.rule === 'service_statistics') {
      series.set(indicator.id, statistics!.get(indicator.measure as Measure)!)
    } else if (indicator.rule === 'manual') {
      const { byYear, byGrant } = enteredActuals(
        entered.filter((e) => e.indicatorId === indicator.id)
      )
      series.set(indicator.id, {
        byYear: [...byYear]
          .sort(([a], [b]) => a - b)
          .map(([year, value]) => ({ year, value, shown: shownActual(value, disclosure.minimum) })),
        byGrant: [...byGrant].sort().map(([key, value]) => {
          const [grantId, year] = key.split('|').map(Number)
          return {
            grantId,
            grantReference: references.get(grantId) ?? String(grantId),
            year,
            value,
            shown: shownActual(value, disclosure.minimum),
          }
        }),
      })
    } else {
      series.set(indicator.id, narrative.get(indicator.id)!)
    }
  }
  return series
}

async function grantReferences(ids: readonly (number | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  if (wanted.length === 0) return new Map<number, string>()
  const grants = await Grant.query().whereIn('id', wanted).select('id', 'reference')
  return new Map(grants.map((g) => [g.id, g.reference]))
}

async function statisticRollups(
  measures: Measure[],
  viewerOf: (organisationId: number) => Viewer,
  disclosure: SeriesDisclosure
): Promise<Map<Measure, IndicatorSeries>> {
  const result = new Map<Measure, IndicatorSeries>(
    measures.map((m) => [m, { byYear: [], byGrant: [] }])
  )
  const approved = await ExpenseReport.query().where('status', 'approved')
  if (approved.length === 0) return result
  const grantIds = [...new Set(approved.map((r) => r.grantId))]
  const [grants, allSeries] = await Promise.all([
    Grant.query().whereIn('id', grantIds).orderBy('id'),
    statisticsSeries(grantIds),
  ])
  const approvedIds = new Set(approved.map((r) => r.id))
  const seriesList: RollupSeries[] = []
  const contributions: {
    year: number
    grant: Grant
    contributor: { series: number; report: number }
  }[] = []
  for (const grant of grants) {
    const members = allSeries.get(grant.id) ?? []
    const index = seriesList.length
    seriesList.push({
      tables: members.map((m) => m.tables),
      insider: viewerOf(grant.granteeOrganisationId).insider,
    })
    for (const [report, member] of members.entries()) {
      if (!approvedIds.has(member.reportId)) continue
      const period = grant.periods.find((p) => p.number === member.periodNumber)
      if (!period) continue
      const year = Number(period.endsOn.slice(0, 4))
      contributions.push({ year, grant, contributor: { series: index, report } })
    }
  }
  const years = [...new Set(contributions.map((c) => c.year))].sort((a, b) => a - b)
  const sorted = [...measures].sort()
  const definitions: RollupDefinition[] = []
  const slots: { measure: Measure; year: number; grant: Grant | null }[] = []
  for (const year of years) {
    for (const measure of sorted) {
      definitions.push({
        measure,
        contributors: contributions.filter((c) => c.year === year).map((c) => c.contributor),
      })
      slots.push({ measure, year, grant: null })
    }
  }
  for (const grant of grants) {
    for (const year of years) {
      const own = contributions.filter((c) => c.year === year && c.grant.id === grant.id)
      if (own.length === 0) continue
      for (const measure of sorted) {
        definitions.push({ measure, contributors: own.map((c) => c.contributor) })
        slots.push({ measure, year, grant })
      }
    }
  }
  const { minimum, store, settle } = disclosure
  const shown = await discloseRollups(
    seriesList,
    definitions,
    settle ? { minimum, store, maxSolves: storedSolveBudget, persist: true } : { minimum, store }
  )
  const totalOf = (definition: RollupDefinition) =>
    definition.contributors.reduce((sum, c) => {
      const tables = seriesList[c.series].tables[c.report]
      const count =
        definition.measure === 'referrals'
          ? tables.referrals.total
          : tables.measures[definition.measure].bySexAndAgeBand.total
      return sum + count
    }, 0)
  for (const [i, slot] of slots.entries()) {
    const point = { year: slot.year, shown: shown[i], value: totalOf(definitions[i]) }
    const target = result.get(slot.measure)!
    if (slot.grant === null) target.byYear.push(point)
    else
      target.byGrant.push({
        ...point,
        grantId: slot.grant.id,
        grantReference: slot.grant.reference,
      })
  }
  return result
}
