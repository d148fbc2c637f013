import type { RollupContributor, ShownCount, Viewer } from '#domain/reports/disclosure'
import { defaultMinimum, discloseRollup, secondaryMark } from '#domain/reports/disclosure'
import { shownActual } from '#domain/reports/indicators'
import type { Logframe } from '#domain/narrative/logframe'
import { seriesIsProtected } from '#domain/narrative/narrative_report'
import Grant from '#models/grant'
import type Indicator from '#models/indicator'
import LogframeModel from '#models/logframe'
import NarrativeReport from '#models/narrative_report'
import type { GrantSeriesPoint, IndicatorSeries, SeriesPoint } from '#queries/indicator_series'

/**
 * The actual values of programme indicators computed from approved
 * narrative reports: each grant's reported value of the logframe
 * indicators linked to the programme indicator, summed per year in which
 * the reporting period ends. A grant whose people counts an outsider sees
 * hidden on its reports (`seriesIsProtected`) is hidden here too ("<5" or
 * "x"), and a year's total with a hidden grant in it reads "x".
 * Values that are not whole numbers are left out (programme indicators
 * count).
 */
export async function narrativeReportActuals(
  indicators: readonly Indicator[],
  viewerOf: (organisationId: number) => Viewer,
  minimum = defaultMinimum
): Promise<Map<number, IndicatorSeries>> {
  const series = new Map<number, IndicatorSeries>(
    indicators.map((i) => [i.id, { byYear: [], byGrant: [] }])
  )
  if (indicators.length === 0) return series
  const approved = await NarrativeReport.query().where('status', 'approved').select('grant_id')
  const grantIds = [...new Set(approved.map((r) => r.grantId))]
  if (grantIds.length === 0) return series
  const [grants, logframes, reports] = await Promise.all([
    Grant.query().whereIn('id', grantIds).orderBy('reference'),
    LogframeModel.query().whereIn('grant_id', grantIds).orderBy('version', 'desc'),
    NarrativeReport.query().whereIn('grant_id', grantIds).orderBy('period_number'),
  ])
  for (const indicator of indicators) {
    const byYear = new Map<number, RollupContributor[]>()
    const byGrant: GrantSeriesPoint[] = []
    for (const grant of grants) {
      const logframe = logframes.find((l) => l.grantId === grant.id)?.content
      const refs = logframe ? linkedRefs(logframe, indicator.id) : []
      if (refs.length === 0) continue
      const own = reports.filter((r) => r.grantId === grant.id)
      const hidden =
        !viewerOf(grant.granteeOrganisationId).insider &&
        seriesIsProtected(
          own.map((r) => r.content),
          peopleRefs(logframe!),
          minimum
        )
      const perYear = new Map<number, number>()
      for (const report of own.filter((r) => r.status === 'approved')) {
        const period = grant.periods.find((p) => p.number === report.periodNumber)
        const values = report.content.indicators
          .filter((row) => refs.includes(row.ref))
          .map((row) => Number(row.value))
          .filter((n) => Number.isSafeInteger(n) && n >= 0)
        if (!period || values.length === 0) continue
        const year = Number(period.endsOn.slice(0, 4))
        perYear.set(year, (perYear.get(year) ?? 0) + values.reduce((a, b) => a + b, 0))
      }
      for (const [year, value] of [...perYear].sort(([a], [b]) => a - b)) {
        byYear.set(year, [...(byYear.get(year) ?? []), { value, hidden }])
        byGrant.push({
          grantId: grant.id,
          grantReference: grant.reference,
          year,
          value,
          shown: hidden ? hiddenCount(value, minimum) : shownActual(value, minimum),
        })
      }
    }
    const years: SeriesPoint[] = [...byYear]
      .sort(([a], [b]) => a - b)
      .map(([year, contributors]) => {
        const shown = discloseRollup(contributors)
        const value = contributors.reduce((t, c) => t + c.value, 0)
        return { year, value, shown: 'value' in shown ? shownActual(value, minimum) : shown }
      })
    series.set(indicator.id, { byYear: years, byGrant })
  }
  return series
}

/** A hidden count as the reports show it: "<5" below the minimum (zero included), otherwise "x". */
function hiddenCount(value: number, minimum: number): ShownCount {
  return value < minimum
    ? { suppressed: true, mark: `<${minimum}` }
    : { suppressed: true, mark: secondaryMark }
}

/** The refs of a logframe's indicators that measure the programme indicator. */
function linkedRefs(logframe: Logframe, indicatorId: number) {
  return logframe.indicators.filter((i) => i.programmeIndicatorId === indicatorId).map((i) => i.ref)
}

/** The people-count indicators of a logframe (protected like the statistics). */
function peopleRefs(logframe: Logframe) {
  return new Set(logframe.indicators.filter((i) => i.disaggregated).map((i) => i.ref))
}
