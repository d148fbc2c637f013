import type { HttpContext } from '@adonisjs/core/http'
import { statisticMeasures } from '#domain/reports/statistics'
import { financialReportFacts } from '#queries/budget_overview'
import { visibleExpenseReport } from '#queries/grant_access'
import type { ServicePage } from '#queries/service_view'
import { serviceView } from '#queries/service_view'
import { toCsv } from '#services/csv'
import { financialReportPdf } from '#services/pdf/financial_report'
import { asDownload, csvType } from '#services/downloads'

type DisplayedTable = ServicePage['shown']['measures']['admissions']['bySexAndAgeBand']

/**
 * Documents of an expense report, for everyone who may see the report
 * (404 for anyone else), in the reader's language. The service statistics
 * in them are those the reader may see (DOMAIN-RULES §9,
 * `#domain/reports/disclosure`): for outsiders, counts of 1–4 read "<5"
 * and the entries hidden to protect them read "x".
 */
export default class ReportDocumentsController {
  /** The financial report in the PRAG Annex VI layout, with the service statistics. */
  async financialReport({ auth, params, request, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    const facts = await financialReportFacts(report, grant)
    const service = await serviceView(
      report,
      grant,
      user,
      { totals: { total: { claimedCents: facts.totals.claimedCents } } },
      { ip: request.ip(), outlet: 'pdf' }
    )
    const pdf = await financialReportPdf(
      { grant, report, ...facts, statistics: service.hasStatistics ? service : null },
      i18n
    )
    const filename = `financial-report-${grant.reference}-${report.periodNumber}.pdf`
    asDownload(response, filename, 'application/pdf')
    return response.send(pdf)
  }

  /**
   * The service statistics as CSV: one line per entry of each table
   * (measure; `sex_age_band` or `origin_sex`, then `referrals` by
   * `source`; row; column; `total` for the totals) with the value as the
   * reader may see it: the number, "<5" or "x". Only the header when the
   * report has no statistics.
   */
  async statistics({ auth, params, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    // The CSV has no cost: the claimed amount the cost per bed-day needs is not read.
    const service = await serviceView(
      report,
      grant,
      user,
      { totals: { total: { claimedCents: 0 } } },
      { ip: request.ip(), outlet: 'csv' }
    )
    const rows: string[][] = []
    if (service.hasStatistics) {
      const { measures, referrals } = service.shown
      for (const measure of statisticMeasures) {
        rows.push(...tableLines(measure, 'sex_age_band', measures[measure].bySexAndAgeBand))
        rows.push(...tableLines(measure, 'origin_sex', measures[measure].byOriginAndSex))
      }
      referrals.keys.forEach((source, i) =>
        rows.push(['referrals', 'source', source, 'count', referrals.counts[i].display])
      )
      rows.push(['referrals', 'source', 'total', 'count', referrals.total.display])
    }
    const filename = `statistics-${grant.reference}-${report.periodNumber}.csv`
    asDownload(response, filename, csvType)
    return toCsv(['measure', 'table', 'row', 'column', 'value'], rows)
  }
}

/** Every entry of a table: its cells with their row totals, then the column totals and the total. */
function tableLines(measure: string, table: string, shown: DisplayedTable): string[][] {
  return [
    ...shown.rows.flatMap((row, i) => [
      ...shown.columns.map((column, j) => [measure, table, row, column, shown.cells[i][j].display]),
      [measure, table, row, 'total', shown.rowTotals[i].display],
    ]),
    ...shown.columns.map((column, j) => [
      measure,
      table,
      'total',
      column,
      shown.columnTotals[j].display,
    ]),
    [measure, table, 'total', 'total', shown.total.display],
  ]
}
