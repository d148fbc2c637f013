import type { Viewer } from '#domain/reports/disclosure'
import { displayCount, isHidden } from '#domain/reports/disclosure'
import type { IndicatorStatus } from '#domain/reports/indicators'
import { indicatorStatus, indicatorYears, targetFor } from '#domain/reports/indicators'
import Indicator from '#models/indicator'
import Result from '#models/result'
import type { IndicatorSeries } from '#queries/indicator_series'
import { indicatorSeries } from '#queries/indicator_series'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { disclosureSettler } from '#services/disclosure_settler'
import { disclosurePatterns } from '#services/disclosure_patterns'
import { AuditTrail } from '#services/audit_trail'

/** Who reads the indicators and where: an insider's view of counts hidden from outsiders is logged. */
export interface StatisticsAccess {
  userId: number
  ip: string
  outlet: 'page' | 'api' | 'pdf'
}

export interface YearRow {
  year: number
  isBaseline: boolean
  target: number | null
  /** The value as the viewer may see it ("12", "<5", "x"), null without data. */
  actual: string | null
  /** The value as a number where it is shown, for charts; null when hidden or absent. */
  actualValue: number | null
  status: IndicatorStatus
}

export interface GrantRow {
  grantId: number
  grantReference: string
  year: number
  actual: string
}

export interface IndicatorView {
  indicator: Indicator
  years: YearRow[]
  grants: GrantRow[]
}

export interface ResultView {
  result: Result | null
  indicators: IndicatorView[]
}

/**
 * The results framework with each indicator's target against its actual
 * value per year, as the viewer may see it. Indicators outside any result
 * come last, under `result: null`.
 */
export async function resultsFramework(
  viewerOf: (organisationId: number) => Viewer,
  currentYear: number,
  only?: number,
  access?: StatisticsAccess
): Promise<ResultView[]> {
  const [results, indicators] = await Promise.all([
    Result.query().orderBy('code'),
    Indicator.query()
      .if(only !== undefined, (q) => q.where('id', only!))
      .orderBy('code'),
  ])
  // The publication minimum in force and the patterns stored when the data changed (ADR 0025).
  const minimum = await publicationMinimumToday()
  const seen = new Set<number>()
  const series = await indicatorSeries(indicators, viewerOf, {
    minimum,
    store: disclosurePatterns,
    // Nothing stored for this minimum (a later-dated one took effect): settle it now.
    unsettled: () => disclosureSettler.settleLater('every'),
    seenRaw: (organisationId) => seen.add(organisationId),
  })
  // Every view of counts outsiders see hidden is an access, per shelter (as for its reports).
  if (access) {
    for (const organisationId of [...seen].sort((a, b) => a - b)) {
      await AuditTrail.recordNow({
        actorId: access.userId,
        organisationId,
        action: 'indicators.statistics_viewed',
        subjectType: 'indicator',
        subjectId: only ?? null,
        after: { outlet: access.outlet },
        ip: access.ip,
      })
    }
  }
  const views = indicators.map((indicator) =>
    indicatorView(indicator, series.get(indicator.id)!, currentYear, minimum)
  )
  const grouped: ResultView[] = results.map((result) => ({
    result,
    indicators: views.filter((v) => v.indicator.resultId === result.id),
  }))
  const loose = views.filter((v) => !results.some((r) => r.id === v.indicator.resultId))
  if (loose.length > 0) grouped.push({ result: null, indicators: loose })
  return only === undefined ? grouped : grouped.filter((g) => g.indicators.length > 0)
}

export function indicatorView(
  indicator: Indicator,
  series: IndicatorSeries,
  currentYear: number,
  minimum?: number
): IndicatorView {
  const byYear = new Map(series.byYear.map((p) => [p.year, p]))
  return {
    indicator,
    years: indicatorYears(indicator, byYear.keys(), currentYear).map((year) => {
      const point = byYear.get(year)
      const isBaseline = year === indicator.baselineYear
      const target = targetFor(indicator, year)
      return {
        year,
        isBaseline,
        target,
        actual: point ? displayCount(point.shown) : null,
        actualValue: point && !isHidden(point.shown) ? point.value : null,
        status: indicatorStatus(
          point?.value ?? null,
          isBaseline ? null : target,
          point?.shown,
          minimum
        ),
      }
    }),
    grants: series.byGrant.map((p) => ({
      grantId: p.grantId,
      grantReference: p.grantReference,
      year: p.year,
      actual: displayCount(p.shown),
    })),
  }
}
