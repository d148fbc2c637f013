import type { YearlyStatistic } from '#domain/reports/indicators'
import type { Viewer } from '#domain/reports/disclosure'
import { discloseReport, isProtectedSeries, totalHidden } from '#domain/reports/disclosure'
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
 * Each row says whether the viewer sees that report's total hidden
 * (`#domain/reports/disclosure`, judged on the grant's whole series), so
 * that a roll-up over it is withheld.
 */
export async function yearlyStatistics(
  viewerOf: (organisationId: number) => Viewer
): Promise<YearlyStatistic[]> {
  const approved = await ExpenseReport.query().where('status', 'approved')
  if (approved.length === 0) return []
  const grantIds = [...new Set(approved.map((r) => r.grantId))]
  const [grants, series] = await Promise.all([
    Grant.query().whereIn('id', grantIds),
    statisticsSeries(grantIds),
  ])
  const approvedIds = new Set(approved.map((r) => r.id))
  const rows: YearlyStatistic[] = []
  for (const grant of grants) {
    const members = series.get(grant.id) ?? []
    const viewer = viewerOf(grant.granteeOrganisationId)
    const isProtected = !viewer.insider && isProtectedSeries(members.map((m) => m.tables))
    for (const member of members) {
      if (!approvedIds.has(member.reportId)) continue
      const period = grant.periods.find((p) => p.number === member.periodNumber)
      if (!period) continue
      const year = Number(period.endsOn.slice(0, 4))
      const view = discloseReport(member.tables, viewer, isProtected)
      for (const measure of statisticMeasures) {
        rows.push({
          year,
          measure,
          count: member.tables.measures[measure].bySexAndAgeBand.total,
          hidden: totalHidden(view, measure),
        })
      }
      rows.push({
        year,
        measure: 'referrals',
        count: member.tables.referrals.total,
        hidden: totalHidden(view, 'referrals'),
      })
    }
  }
  return rows
}
