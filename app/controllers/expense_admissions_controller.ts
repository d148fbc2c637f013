import type { HttpContext } from '@adonisjs/core/http'
import { AdmitExpenseLines } from '#actions/reports/admit_expense_lines'
import ExpenseReportPolicy from '#policies/expense_report_policy'
import { visibleExpenseReport } from '#queries/grant_access'
import { bulkAdmissionValidator } from '#validators/expense_report'

/** Bulk admission of an expense report's lines from the verification page. */
export default class ExpenseAdmissionsController {
  async store({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const input = await request.validateUsing(bulkAdmissionValidator)
    const result = await new AdmitExpenseLines().handle(
      report.id,
      { ...input, lineIds: input.lineIds ?? [], reason: input.reason ?? null },
      user,
      request.ip()
    )
    if (!result.ok) {
      session.flashExcept(['_csrf', '_method'])
      session.flash('inputErrorsBag', {
        [result.field === 'reason' ? 'reason' : 'scope']: [
          i18n.t(
            result.code === 'reason_required' ? 'forms.bulk.reason_required' : 'forms.bulk.none'
          ),
        ],
      })
      return response.redirect().toPath(`/expense-reports/${report.id}#bulk-admission`)
    }
    session.flash('success', i18n.t('forms.bulk.done', { count: result.lines.length }))
    return response.redirect().toPath(`/expense-reports/${report.id}#lines`)
  }
}
