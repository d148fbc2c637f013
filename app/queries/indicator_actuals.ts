import db from '@adonisjs/lucid/services/db'
import type { YearlyStatistic } from '#domain/reports/indicators'
import Grant from '#models/grant'

/**
 * The statistics of approved reports summed in SQL per report and measure
 * (referrals of every source as the measure `referrals`), each placed in
 * the calendar year in which the report's period ends. Only approved
 * reports count: a draft or a report under verification may still change.
 */
export async function yearlyStatistics(): Promise<YearlyStatistic[]> {
  const [statistics, referrals] = await Promise.all([
    db
      .from('service_statistics')
      .join('expense_reports', 'expense_reports.id', 'service_statistics.expense_report_id')
      .where('expense_reports.status', 'approved')
      .groupBy(
        'expense_reports.grant_id',
        'expense_reports.period_number',
        'service_statistics.measure'
      )
      .select(
        'expense_reports.grant_id as grant_id',
        'expense_reports.period_number as period_number',
        'service_statistics.measure as measure'
      )
      .sum('service_statistics.count as total'),
    db
      .from('service_referrals')
      .join('expense_reports', 'expense_reports.id', 'service_referrals.expense_report_id')
      .where('expense_reports.status', 'approved')
      .groupBy('expense_reports.grant_id', 'expense_reports.period_number')
      .select(
        'expense_reports.grant_id as grant_id',
        'expense_reports.period_number as period_number'
      )
      .sum('service_referrals.count as total'),
  ])
  const rows = [
    ...statistics.map((row) => ({ ...row, measure: String(row.measure) })),
    ...referrals.map((row) => ({ ...row, measure: 'referrals' })),
  ]
  if (rows.length === 0) return []

  const grantIds = [...new Set(rows.map((row) => Number(row.grant_id)))]
  const grants = await Grant.query().whereIn('id', grantIds)
  const periodEndYear = new Map<string, number>()
  for (const grant of grants) {
    for (const period of grant.periods) {
      periodEndYear.set(`${grant.id}|${period.number}`, Number(period.endsOn.slice(0, 4)))
    }
  }
  return rows.flatMap((row) => {
    const year = periodEndYear.get(`${Number(row.grant_id)}|${Number(row.period_number)}`)
    return year === undefined ? [] : [{ year, measure: row.measure, count: Number(row.total ?? 0) }]
  })
}
