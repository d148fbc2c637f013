import type { ShownCount, Viewer } from '#domain/reports/disclosure'
import type { IndicatorMeasure } from '#domain/reports/indicators'
import { shownActual } from '#domain/reports/indicators'
import { enteredActuals } from '#domain/results/framework'
import Grant from '#models/grant'
import type Indicator from '#models/indicator'
import IndicatorValue from '#models/indicator_value'
import type { RollupDisclosure } from '#queries/indicator_actuals'
import { statisticRollups } from '#queries/indicator_actuals'
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

/** The publication minimum in force and the stored patterns (ADR 0025); `settle` computes and stores them. */
export type SeriesDisclosure = RollupDisclosure

/**
 * The actual values of indicators, per year and per grant and year, as
 * the viewer may see them.
 *
 * - `service_statistics`: sums of one measure over the approved reports
 *   whose period ends in the year, taken from `statisticRollups`: every
 *   roll-up of every measure (national and per grant) decided together,
 *   so what one outsider sees together never gives a hidden count away
 *   (DOMAIN-RULES §9), whichever indicators a page shows.
 * - `manual`: the latest value entered with evidence per year and grant.
 * - `narrative_reports`: the values of approved narrative reports
 *   (`narrativeReportActuals`).
 */
export async function indicatorSeries(
  indicators: readonly Indicator[],
  viewerOf: (organisationId: number) => Viewer,
  disclosure: SeriesDisclosure
): Promise<Map<number, IndicatorSeries>> {
  const series = new Map<number, IndicatorSeries>()
  const statistics = indicators.some((i) => i.rule === 'service_statistics')
    ? await statisticRollups(viewerOf, disclosure)
    : null
  const manualIds = indicators.filter((i) => i.rule === 'manual').map((i) => i.id)
  const entered = manualIds.length
    ? await IndicatorValue.query().whereIn('indicator_id', manualIds).orderBy('id')
    : []
  const references = await grantReferences(entered.map((e) => e.grantId))
  const narrative = await narrativeReportActuals(
    indicators.filter((i) => i.rule === 'narrative_reports'),
    viewerOf,
    disclosure.minimum,
    disclosure.seenRaw
  )
  for (const indicator of indicators) {
    if (indicator.rule === 'service_statistics') {
      series.set(indicator.id, statistics!.get(indicator.measure as IndicatorMeasure)!)
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
