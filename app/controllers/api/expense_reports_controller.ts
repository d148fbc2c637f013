import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { apiText, requestI18n } from '#services/request_locale'
import { ExpenseImports } from '#actions/reports/expense_imports'
import { AcceptUnflaggedLines } from '#actions/reports/accept_unflagged_lines'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { ReturnExpenseReport } from '#actions/reports/return_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { importJson, lineInputOf, uploadedImport } from '#controllers/expense_reports_controller'
import ExpenseImport from '#models/expense_import'
import { importErrorText, importLimits } from '#services/expense_import'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import type User from '#models/user'
import ExpenseReportPolicy from '#policies/expense_report_policy'
import { visibleExpenseLine, visibleExpenseReport, visibleGrant } from '#queries/grant_access'
import { expenseReportView } from '#queries/expense_report_view'
import { serviceView } from '#queries/service_view'
import { expenseLineJson, expenseReportJson } from '#transformers/expense_report_transformer'
import {
  admissionApiValidator,
  assertAtMost,
  lineApiValidator,
  openReportValidator,
  reportReturnValidator,
} from '#validators/expense_report'

/** Expense reports through the API: the grantee's preparation and the finance officer's verification. */
@inject()
export default class ExpenseReportsController {
  /** POST /api/v1/grants/:id/expense-reports */
  async store({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const { periodNumber } = await request.validateUsing(openReportValidator)
    const report = await new OpenExpenseReport().handle(grant.id, periodNumber, user, request.ip())
    return response.created({ data: await this.json(report, grant, user, request.ip()) })
  }

  /** GET /api/v1/expense-reports/:id */
  async show({ auth, params, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    return { data: await this.json(report, grant, user, request.ip()) }
  }

  /** POST /api/v1/expense-reports/:id/lines */
  async addLine({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const input = await request.validateUsing(lineApiValidator)
    const [line] = await new AddExpenseLines().handle(
      report.id,
      [lineInputOf(input)],
      user,
      request.ip()
    )
    await line.refresh()
    return response.created({ data: expenseLineJson(line) })
  }

  /**
   * POST /api/v1/expense-reports/:id/imports: the file is read and
   * validated in a worker thread; a refused file or any row error answers
   * 422 and saves nothing, otherwise 202 with the import, whose lines are
   * then saved in the background (poll GET /expense-imports/:id).
   */
  async importLines({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const upload = await uploadedImport(request)
    if (!upload) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_VALIDATION_REQUIRED',
            message: apiText(request, 'ux.api.attach_import', {
              megabytes: importLimits.maxFileBytes / (1024 * 1024),
            }),
            field: 'file',
          },
        ],
      })
    }
    const reader = requestI18n(request, user.locale)
    const imports = new ExpenseImports()
    const refused = await imports.precheck(upload.fileName, upload.bytes)
    if (refused) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_IMPORT_FILE',
            message: importErrorText(refused, reader),
            field: 'file',
            row: 0,
          },
        ],
      })
    }
    const job = await imports.start(report.id, upload.fileName, upload.bytes, user)
    const read = await imports.run(job.id, request.ip())
    if (read.status === 'failed') {
      return response.unprocessableEntity({
        data: importJson(read, reader),
        errors: read.errors.map((e) => ({
          code: 'E_IMPORT_ROW',
          message: reader.t('ux.api.import_row', {
            row: e.row,
            column: e.column,
            message: importErrorText(e, reader),
          }),
          field: e.column,
          row: e.row,
        })),
      })
    }
    return response.accepted({ data: importJson(read, reader) })
  }

  /** GET /api/v1/expense-imports/:id */
  async importStatus({ auth, params, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const job = await ExpenseImport.findOrFail(Number(params.id) || 0)
    await visibleExpenseReport(user, job.expenseReportId)
    return { data: importJson(job, requestI18n(request, user.locale)) }
  }

  /** POST /api/v1/expense-imports/:id/retry: 202, the import runs again with its kept file. */
  async retryImport({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const job = await ExpenseImport.findOrFail(Number(params.id) || 0)
    const { grant } = await visibleExpenseReport(user, job.expenseReportId)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const queued = await new ExpenseImports().retry(job, user, request.ip())
    return response.accepted({ data: importJson(queued, requestI18n(request, user.locale)) })
  }

  /** POST /api/v1/expense-reports/:id/submission */
  async submit({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const submitted = await new SubmitExpenseReport().handle(report.id, user, request.ip())
    return { data: await this.json(submitted, grant, user, request.ip()) }
  }

  /** POST /api/v1/expense-lines/:id/admission: 0 … claimed, with a reason when less (422 above). */
  async admit({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { line, grant } = await visibleExpenseLine(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const input = await request.validateUsing(admissionApiValidator)
    assertAtMost(
      'admittedCents',
      input.admittedCents,
      line.claimedCents,
      apiText(request, 'ux.api.admitted_above_claimed', { cents: line.claimedCents })
    )
    const saved = await new AdmitExpenseLine().handle(
      line.id,
      input.admittedCents,
      input.reason || null,
      user,
      request.ip()
    )
    return { data: expenseLineJson(saved) }
  }

  /** POST /api/v1/expense-reports/:id/acceptance: admit every unflagged, undecided line in full. */
  async acceptUnflagged({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const accepted = await new AcceptUnflaggedLines().handle(report.id, user, request.ip())
    return { data: { accepted } }
  }

  /** POST /api/v1/expense-reports/:id/approval */
  async approve({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const approved = await new ApproveExpenseReport().handle(report.id, user, request.ip())
    return { data: await this.json(approved, grant, user, request.ip()) }
  }

  /** POST /api/v1/expense-reports/:id/return */
  async returnForRevision({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const { comment } = await request.validateUsing(reportReturnValidator)
    const returned = await new ReturnExpenseReport().handle(report.id, comment, user, request.ip())
    return { data: await this.json(returned, grant, user, request.ip()) }
  }

  private async json(report: ExpenseReport, grant: Grant, user: User, ip: string) {
    const view = await expenseReportView(report, grant)
    const service = await serviceView(report, grant, user, view, { ip, outlet: 'api' })
    return expenseReportJson(report, grant, view, service.json)
  }
}
