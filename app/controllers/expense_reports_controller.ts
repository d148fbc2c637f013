import { inject } from '@adonisjs/core'
import { ImportProgress } from '#services/import_progress'
import type { HttpContext } from '@adonisjs/core/http'
import { AcceptUnflaggedLines } from '#actions/reports/accept_unflagged_lines'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { AttachReceipt } from '#actions/reports/attach_receipt'
import { DeleteExpenseLine } from '#actions/reports/delete_expense_line'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { ReturnExpenseReport } from '#actions/reports/return_expense_report'
import { SaveReportSummary } from '#actions/reports/save_report_summary'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { UpdateExpenseLine } from '#actions/reports/update_expense_line'
import type { LineInput } from '#actions/reports/expense_report_support'
import { mayApproveReport } from '#domain/grants/payment_duties'
import { parseRate, rateText } from '#domain/reports/exchange'
import { acceptedDocumentTypes } from '#domain/documents'
import type { StandardCode } from '#domain/reports/minimum_standards'
import { readFile } from 'node:fs/promises'
import { ExpenseImports } from '#actions/reports/expense_imports'
import { DismissExpenseImport } from '#actions/reports/dismiss_expense_import'
import ExpenseImport from '#models/expense_import'
import ExpenseReceipt from '#models/expense_receipt'
import OperatingCostDeclaration from '#models/operating_cost_declaration'
import ExpenseReportPolicy from '#policies/expense_report_policy'
import { visibleExpenseLine, visibleExpenseReport, visibleGrant } from '#queries/grant_access'
import { expenseReportView } from '#queries/expense_report_view'
import { currentBudgetLines } from '#queries/grant_finances'
import { serviceView } from '#queries/service_view'
import { toCsv } from '#services/csv'
import { FileStore } from '#services/file_store'
import {
  admissionFormValidator,
  assertAtMost,
  lineFormValidator,
  openReportValidator,
  reportReturnValidator,
  summaryValidator,
} from '#validators/expense_report'
import { asDownload, csvType } from '#services/downloads'
import { linesCsvHeader, linesCsvRows, sampleCsvRows } from '#services/expense_lines_csv'
import { importColumns, importErrorText, importLimits } from '#services/expense_import'

type LineForm = Awaited<ReturnType<typeof lineFormValidator.validate>>

/** A line as the form sends it, in the shape the action takes. */
export function lineInputOf(form: Omit<LineForm, 'amount'> & { amountCents: number }): LineInput {
  const currency = form.currency ?? 'EUR'
  return {
    spentOn: form.spentOn,
    supplier: form.supplier,
    description: form.description,
    budgetLineId: form.budgetLineId,
    standard: form.standard as StandardCode,
    amountCents: form.amountCents,
    currency,
    rateMicro: form.exchangeRate ? parseRate(form.exchangeRate) : null,
    rateSource: form.rateSource ?? null,
    vat: form.vat ?? 'exempt',
    receiptNumber: form.receiptNumber || null,
    supplierCountry: form.supplierCountry ?? 'XK',
  }
}

/** Expense reports in the browser: prepared by the grantee, verified line by line by the funder. */
@inject()
export default class ExpenseReportsController {
  async open({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const { periodNumber } = await request.validateUsing(openReportValidator)
    const report = await new OpenExpenseReport().handle(grant.id, periodNumber, user, request.ip())
    return response.redirect().toPath(`/expense-reports/${report.id}`)
  }

  async show({ auth, params, view, request }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    const linesPage = Math.min(
      100_000,
      Math.max(1, Math.trunc(Number(request.input('page', 1))) || 1)
    )
    const data = await expenseReportView(report, grant, { linesPage })
    const servicePage = await serviceView(report, grant, user, data, {
      ip: request.ip(),
      outlet: 'page',
    })
    const operatingCost = await OperatingCostDeclaration.findBy('expense_report_id', report.id)
    return view.render('pages/expense_reports/show', {
      servicePage,
      operatingCost,
      report,
      grant,
      period: grant.periods.find((p) => p.number === report.periodNumber)!,
      rateText,
      ...data,
      // Whoever admitted a line is not offered the approval (segregation of duties).
      mayApprove: mayApproveReport(data.decidedByIds, user.id),
    })
  }

  /** The lines in the import format (decimal euros), so the file re-imports; verification after. */
  async lines({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    const data = await expenseReportView(report, grant)
    asDownload(response, `expense-lines-${report.id}.csv`, csvType)
    return toCsv(linesCsvHeader, linesCsvRows(data.lines, data.budgetLines))
  }

  /** A sample import file made for this report: its grant's budget lines, dates in its period. */
  async sample({ auth, params, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    const budgetLines = await currentBudgetLines(grant)
    const period = grant.periods.find((p) => p.number === report.periodNumber)
    asDownload(response, `expense-lines-sample-${report.id}.csv`, csvType)
    return toCsv(
      [...importColumns],
      sampleCsvRows(
        budgetLines,
        period?.startsOn ?? grant.startsOn.toISODate()!,
        i18n,
        grant.currency
      )
    )
  }

  async addLine({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const { amount, ...form } = await request.validateUsing(lineFormValidator)
    await new AddExpenseLines().handle(
      report.id,
      [lineInputOf({ ...form, amountCents: amount })],
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.expense.line_added'))
    return response.redirect().toPath(`/expense-reports/${report.id}#lines`)
  }

  async updateLine({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { line, grant } = await visibleExpenseLine(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const { amount, ...form } = await request.validateUsing(lineFormValidator)
    await new UpdateExpenseLine().handle(
      line.id,
      lineInputOf({ ...form, amountCents: amount }),
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.expense.line_saved'))
    return response.redirect().toPath(`/expense-reports/${line.expenseReportId}#line-${line.id}`)
  }

  async deleteLine({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { line, grant } = await visibleExpenseLine(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    await new DeleteExpenseLine().handle(line.id, user, request.ip())
    session.flash('success', i18n.t('messages.expense.line_deleted'))
    return response.redirect().toPath(`/expense-reports/${line.expenseReportId}#lines`)
  }

  async attachReceipt({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { line, grant } = await visibleExpenseLine(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const upload = request.file('receipt')
    const stored = await FileStore.accept(upload, 'receipts', acceptedDocumentTypes)
    if (!stored.ok || !stored.file) {
      session.flash(
        'error',
        i18n.t(`messages.expense.receipt_${stored.ok ? 'empty' : stored.reason}`)
      )
      return response.redirect().back()
    }
    await new AttachReceipt().handle(line.id, stored.file, user, request.ip())
    session.flash('success', i18n.t('messages.expense.receipt_attached'))
    return response.redirect().toPath(`/expense-reports/${line.expenseReportId}#line-${line.id}`)
  }

  async receipt({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const receipt = await ExpenseReceipt.findOrFail(Number(params.id) || 0)
    await visibleExpenseLine(user, receipt.expenseLineId)
    asDownload(response, receipt.fileName, receipt.contentType, 'inline')
    return response.send(Buffer.from(await FileStore.read(receipt.fileKey)))
  }

  /**
   * The file is read and validated in a worker thread while the request
   * waits (the event loop does not); its lines are saved after the
   * response, with progress on the page.
   */
  async importLines({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const upload = await uploadedImport(request)
    if (!upload) {
      session.flash('error', i18n.t('messages.expense.import_missing'))
      return response.redirect().toPath(`/expense-reports/${report.id}#import`)
    }
    const imports = new ExpenseImports()
    const refused = await imports.precheck(upload.fileName, upload.bytes)
    if (refused) {
      session.flash('error', importErrorText(refused, i18n))
      return response.redirect().toPath(`/expense-reports/${report.id}#import`)
    }
    const job = await imports.start(report.id, upload.fileName, upload.bytes, user)
    const read = await imports.run(job.id, request.ip())
    session.flash(
      read.status === 'failed' ? 'error' : 'success',
      read.status === 'failed'
        ? i18n.t('messages.expense.import_failed', { count: read.errors.length })
        : i18n.t('messages.expense.import_started')
    )
    return response.redirect().toPath(`/expense-reports/${report.id}#import`)
  }

  /** The progress of an import, as JSON for the page that polls it. */
  async importStatus({ auth, params, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const job = await ExpenseImport.findOrFail(Number(params.id) || 0)
    await visibleExpenseReport(user, job.expenseReportId)
    return response.json({ data: importJson(job, i18n) })
  }

  /** POST /expense-imports/:id/retry: a failed or interrupted import runs again with its kept file. */
  async retryImport({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const job = await ExpenseImport.findOrFail(Number(params.id) || 0)
    const { report, grant } = await visibleExpenseReport(user, job.expenseReportId)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    await new ExpenseImports().retry(job, user, request.ip())
    session.flash('success', i18n.t('messages.expense.import_started'))
    return response.redirect().toPath(`/expense-reports/${report.id}#import`)
  }

  async dismissImport({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const job = await ExpenseImport.findOrFail(Number(params.id) || 0)
    const { report, grant } = await visibleExpenseReport(user, job.expenseReportId)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    await new DismissExpenseImport().handle(job.id, grant, user, request.ip())
    session.flash('success', i18n.t('forms.imports.dismissed'))
    return response.redirect().toPath(`/expense-reports/${report.id}#import`)
  }

  async saveSummary({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    const { summary } = await request.validateUsing(summaryValidator)
    await new SaveReportSummary().handle(report.id, summary || null, user, request.ip())
    session.flash('success', i18n.t('messages.expense.summary_saved'))
    return response.redirect().toPath(`/expense-reports/${report.id}#summary`)
  }

  async submit({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('prepare', grant)
    await new SubmitExpenseReport().handle(report.id, user, request.ip())
    session.flash('success', i18n.t('messages.expense.submitted'))
    return response.redirect().toPath(`/expense-reports/${report.id}`)
  }

  async admit({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { line, grant } = await visibleExpenseLine(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const input = await request.validateUsing(admissionFormValidator)
    assertAtMost(
      'admitted',
      input.admitted,
      line.claimedCents,
      i18n.t('messages.expense.over_claimed')
    )
    if (input.admitted < line.claimedCents && !input.reason) {
      /* The error stays on this line's form (lineId scopes the flashed input). */
      session.flashExcept(['_csrf', '_method'])
      session.flash('inputErrorsBag', { reason: [i18n.t('forms.bulk.reason_less')] })
      return response.redirect().toPath(`/expense-reports/${line.expenseReportId}#line-${line.id}`)
    }
    await new AdmitExpenseLine().handle(
      line.id,
      input.admitted,
      input.reason || null,
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.expense.admitted'))
    return response.redirect().toPath(`/expense-reports/${line.expenseReportId}#line-${line.id}`)
  }

  async acceptUnflagged({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const count = await new AcceptUnflaggedLines().handle(report.id, user, request.ip())
    session.flash('success', i18n.t('messages.expense.accepted', { count }))
    return response.redirect().toPath(`/expense-reports/${report.id}#lines`)
  }

  async approve({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    await new ApproveExpenseReport().handle(report.id, user, request.ip())
    session.flash('success', i18n.t('messages.expense.approved'))
    return response.redirect().toPath(`/expense-reports/${report.id}`)
  }

  async returnForRevision({
    auth,
    params,
    request,
    response,
    session,
    bouncer,
    i18n,
  }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verify', grant)
    const { comment } = await request.validateUsing(reportReturnValidator)
    await new ReturnExpenseReport().handle(report.id, comment, user, request.ip())
    session.flash('success', i18n.t('messages.expense.returned'))
    return response.redirect().toPath(`/expense-reports/${report.id}`)
  }
}

/** The uploaded import file (`file`), at most 10 MB, or null. */
export async function uploadedImport(request: HttpContext['request']) {
  // A body that is not multipart (JSON, say) has no stream to read: there is no file.
  const multipart = request.multipart as HttpContext['request']['multipart'] | undefined
  if (multipart?.state === 'idle') return readImportUpload(request)
  const file = request.file('file', { size: importLimits.maxFileBytes })
  if (!file || !file.tmpPath || !file.isValid) return null
  return { fileName: file.clientName, bytes: await readFile(file.tmpPath) }
}

/**
 * The API import route's body is not parsed by the body parser
 * (config/bodyparser.ts, processManually): the file is read here into
 * memory, and the request is cut off past the import's own size limit
 * (413) instead of the 20 MB allowed elsewhere.
 */
async function readImportUpload(request: HttpContext['request']) {
  const chunks: Buffer[] = []
  let size = 0
  request.multipart.onFile(
    'file',
    { size: importLimits.maxFileBytes },
    async (part, reportChunk) => {
      for await (const chunk of part as AsyncIterable<Buffer>) {
        reportChunk(chunk)
        size += chunk.length
        if (size <= importLimits.maxFileBytes) chunks.push(chunk)
      }
    }
  )
  await request.multipart.process({ limit: importLimits.maxFileBytes + 256 * 1024 })
  const file = request.file('file', { size: importLimits.maxFileBytes })
  if (!file || !file.isValid || size > importLimits.maxFileBytes) return null
  return { fileName: file.clientName, bytes: Buffer.concat(chunks) }
}

/** An import as JSON, its errors said in the reader's language. */
export function importJson(
  job: ExpenseImport,
  reader: { t(key: string, data?: Record<string, unknown>): string }
) {
  ImportProgress.of(job)
  return {
    id: job.id,
    expenseReportId: job.expenseReportId,
    status: job.status,
    fileName: job.fileName,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    importedLines: job.importedLines,
    errors: job.errors.map((error) => ({
      row: error.row,
      column: error.column,
      message: importErrorText(error, reader),
    })),
  }
}
