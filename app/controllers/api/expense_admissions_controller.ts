import type { HttpContext } from '@adonisjs/core/http'
import { apiText } from '#services/request_locale'
import { AdmitExpenseLines } from '#actions/reports/admit_expense_lines'
import ExpenseReportPolicy from '#policies/expense_report_policy'
import { visibleExpenseReport } from '#queries/grant_access'
import { expenseLineJson } from '#transformers/expense_report_transformer'
import { bulkAdmissionValidator } from '#validators/expense_report'

/** POST /api/v1/expense-reports/:id/admissions: admit several lines by one rule, all or none. */
export default class ApiExpenseAdmissionsController {
  async store({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
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
      return response.status(422).send({
        errors: [
          {
            code: `E_${result.code.toUpperCase()}`,
            message: apiText(request, `ux.api.admissions.${result.code}`),
            field: result.field,
          },
        ],
      })
    }
    return { data: result.lines.map((line) => expenseLineJson(line)) }
  }
}
