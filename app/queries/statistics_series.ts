import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ReferralSource, StatisticMeasure, StatisticsTables } from '#domain/reports/statistics'
import { statisticsTables } from '#domain/reports/statistics'
import ExpenseReport from '#models/expense_report'
import ServiceReferral from '#models/service_referral'
import ServiceStatistic from '#models/service_statistic'

/** The statistics of one report of a series. */
export interface SeriesReport {
  reportId: number
  grantId: number
  periodNumber: number
  tables: StatisticsTables
}

/**
 * The statistics of every report (with statistics) of the given grants,
 * by grant and in period order: the series the disclosure control
 * (`#domain/reports/disclosure`) protects together.
 */
export async function statisticsSeries(
  grantIds: readonly number[],
  client?: QueryClientContract
): Promise<Map<number, SeriesReport[]>> {
  const series = new Map<number, SeriesReport[]>()
  if (grantIds.length === 0) return series
  const reports = await ExpenseReport.query({ client })
    .whereIn('grant_id', [...grantIds])
    .orderBy('period_number')
  const ids = reports.map((r) => r.id)
  const [statistics, referrals] = ids.length
    ? await Promise.all([
        ServiceStatistic.query({ client }).whereIn('expense_report_id', ids),
        ServiceReferral.query({ client }).whereIn('expense_report_id', ids),
      ])
    : [[], []]
  const statisticsOf = groupBy(statistics, (s) => s.expenseReportId)
  const referralsOf = groupBy(referrals, (r) => r.expenseReportId)
  for (const report of reports) {
    const own = statisticsOf.get(report.id) ?? []
    const ownReferrals = referralsOf.get(report.id) ?? []
    if (own.length === 0 && ownReferrals.length === 0) continue
    const tables = statisticsTables(
      own.map((s) => ({
        measure: s.measure as StatisticMeasure,
        sex: s.sex,
        ageBand: s.ageBand,
        origin: s.origin,
        count: s.count,
      })),
      ownReferrals.map((r) => ({ source: r.source as ReferralSource, count: r.count }))
    )
    const list = series.get(report.grantId) ?? []
    list.push({
      reportId: report.id,
      grantId: report.grantId,
      periodNumber: report.periodNumber,
      tables,
    })
    series.set(report.grantId, list)
  }
  return series
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number) {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const list = map.get(key(row)) ?? []
    list.push(row)
    map.set(key(row), list)
  }
  return map
}
