import type { YearlyStatistic } from '#domain/reports/indicators'
import type {
  PatternStore,
  RollupDefinition,
  RollupSeries,
  Viewer,
} from '#domain/reports/disclosure'
import {
  discloseRollups,
  isHidden,
  secondaryMark,
  storedSolveBudget,
} from '#domain/reports/disclosure'
import type { StatisticMeasure } from '#domain/reports/statistics'
import { statisticMeasures } from '#domain/reports/statistics'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import { statisticsSeries } from '#queries/statistics_series'

/**
 * The statistics of approved reports per report and measure (referrals of
 * every source as the measure `referrals`), each placed in the calendar
 * year in which the report's period ends. Only approved reports count: a
 * draft or a report under verification may still change.
 *
 * Each row says whether the national roll-up of its year and measure is
 * withheld from the viewer (`hidden`): `discloseRollups` shows a roll-up
 * over a hidden report total only when nothing hidden can then be worked
 * out from everything the viewer sees (`#domain/reports/disclosure`).
 */
export async function yearlyStatistics(
  viewerOf: (organisationId: number) => Viewer,
  disclosure: { minimum?: number; store?: PatternStore; settle?: boolean } = {}
): Promise<YearlyStatistic[]> {
  const approved = await ExpenseReport.query().where('status', 'approved')
  if (approved.length === 0) return []
  const grantIds = [...new Set(approved.map((r) => r.grantId))]
  const [grants, series] = await Promise.all([
    Grant.query().whereIn('id', grantIds).orderBy('id'),
    statisticsSeries(grantIds),
  ])
  const approvedIds = new Set(approved.map((r) => r.id))
  const seriesList: RollupSeries[] = []
  const contributions: {
    year: number
    measure: StatisticMeasure | 'referrals'
    count: number
    series: number
    report: number
  }[] = []
  for (const grant of grants) {
    const members = series.get(grant.id) ?? []
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
      for (const measure of statisticMeasures) {
        const count = member.tables.measures[measure].bySexAndAgeBand.total
        contributions.push({ year, measure, count, series: index, report })
      }
      const count = member.tables.referrals.total
      contributions.push({ year, measure: 'referrals', count, series: index, report })
    }
  }
  // One national roll-up per year and measure, in year and measure order.
  const keys = [...new Set(contributions.map((c) => `${c.year}|${c.measure}`))].sort()
  const definitions: RollupDefinition[] = keys.map((key) => ({
    measure: contributions.find((c) => `${c.year}|${c.measure}` === key)!.measure,
    contributors: contributions
      .filter((c) => `${c.year}|${c.measure}` === key)
      .map((c) => ({ series: c.series, report: c.report })),
  }))
  const { minimum, store, settle } = disclosure
  const shown = await discloseRollups(
    seriesList,
    definitions,
    settle ? { minimum, store, maxSolves: storedSolveBudget, persist: true } : { minimum, store }
  )
  const withheld = new Set(
    keys.filter((_, i) => isHidden(shown[i]) && shown[i].mark === secondaryMark)
  )
  return contributions.map((c) => ({
    year: c.year,
    measure: c.measure,
    count: c.count,
    hidden: withheld.has(`${c.year}|${c.measure}`),
  }))
}
