import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ServiceReports } from '#actions/reports/service_reports'
import type { StatisticMeasure } from '#domain/reports/statistics'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import type User from '#models/user'
import ExpenseReportPolicy from '#policies/expense_report_policy'
import { expenseReportView } from '#queries/expense_report_view'
import { visibleExpenseReport } from '#queries/grant_access'
import { serviceView } from '#queries/service_view'
import {
  complianceApiValidator,
  complianceFormValidator,
  complianceOfForm,
  complianceReviewApiValidator,
  complianceReviewFormValidator,
  complianceReviewOfForm,
  statisticsApiValidator,
  statisticsFormValidator,
  statisticsOfForm,
} from '#validators/service_report'

/**
 * The service side of an expense report, in the browser and through the
 * API: the shelter's aggregate statistics and compliance self-assessment
 * (the grantee's people, while the report is editable), and the funder's
 * finance officer's confirmation or correction of the self-assessment.
 */
@inject()
export default class ServiceReportsController {
  constructor(private service: ServiceReports) {}

  /** POST /expense-reports/:id/statistics */
  async saveStatistics({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const form = await request.validateUsing(statisticsFormValidator)
    const { counts, referrals } = statisticsOfForm(form)
    await this.service.saveStatistics(report.id, counts, referrals, user, request.ip())
    session.flash('success', i18n.t('service.statistics_saved'))
    return response.redirect().toPath(`/expense-reports/${report.id}#statistics`)
  }

  /** POST /expense-reports/:id/compliance */
  async saveCompliance({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const form = await request.validateUsing(complianceFormValidator)
    await this.service.saveCompliance(report.id, complianceOfForm(form), user, request.ip())
    session.flash('success', i18n.t('service.compliance_saved'))
    return response.redirect().toPath(`/expense-reports/${report.id}#compliance`)
  }

  /** POST /expense-reports/:id/compliance-review */
  async reviewCompliance({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const form = await request.validateUsing(complianceReviewFormValidator)
    await this.service.reviewCompliance(report.id, complianceReviewOfForm(form), user, request.ip())
    session.flash('success', i18n.t('service.compliance_reviewed'))
    return response.redirect().toPath(`/expense-reports/${report.id}#compliance`)
  }

  /** POST /api/v1/expense-reports/:id/statistics */
  async apiSaveStatistics({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const input = await request.validateUsing(statisticsApiValidator)
    await this.service.saveStatistics(
      report.id,
      input.counts,
      input.referrals ?? [],
      user,
      request.ip(),
      (input.totals ?? {}) as Partial<Record<StatisticMeasure, number>>
    )
    return { data: await this.json(report, grant, user, request.ip()) }
  }

  /** POST /api/v1/expense-reports/:id/compliance */
  async apiSaveCompliance({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const { entries } = await request.validateUsing(complianceApiValidator)
    await this.service.saveCompliance(
      report.id,
      entries.map((entry) => ({
        standard: entry.standard,
        level: entry.level,
        evidence: entry.evidence || null,
        comment: entry.comment || null,
      })),
      user,
      request.ip()
    )
    return { data: await this.json(report, grant, user, request.ip()) }
  }

  /** POST /api/v1/expense-reports/:id/compliance-review */
  async apiReviewCompliance({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const { entries } = await request.validateUsing(complianceReviewApiValidator)
    await this.service.reviewCompliance(
      report.id,
      entries.map((entry) => ({
        standard: entry.standard,
        level: entry.level,
        comment: entry.comment || null,
      })),
      user,
      request.ip()
    )
    return { data: await this.json(report, grant, user, request.ip()) }
  }

  /** The service part of the report as the caller may see it. */
  private async json(report: ExpenseReport, grant: Grant, user: User, ip: string) {
    await report.refresh()
    const view = await expenseReportView(report, grant)
    const service = await serviceView(report, grant, user, view, { ip, outlet: 'api' })
    return { id: report.id, status: report.status, ...service.json }
  }
}
