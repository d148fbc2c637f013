import type { HttpContext } from '@adonisjs/core/http'
import { financialReportFacts } from '#queries/budget_overview'
import { visibleExpenseReport } from '#queries/grant_access'
import { financialReportPdf } from '#services/pdf/financial_report'

/**
 * Documents of an expense report, for everyone who may see the report
 * (404 for anyone else), in the reader's language.
 */
export default class ReportDocumentsController {
  /** The financial report in the PRAG Annex VI layout. */
  async financialReport({ auth, params, response, i18n }: HttpContext) {
    const { report, grant } = await visibleExpenseReport(auth.getUserOrFail(), params.id)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    const facts = await financialReportFacts(report, grant)
    const pdf = await financialReportPdf({ grant, report, ...facts }, i18n)
    const filename = `financial-report-${grant.reference}-${report.periodNumber}.pdf`
    response.header('content-type', 'application/pdf')
    response.header(
      'content-disposition',
      `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`
    )
    return response.send(pdf)
  }
}
