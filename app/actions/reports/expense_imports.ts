import logger from '@adonisjs/core/services/logger'
import { standardCodes } from '#domain/reports/minimum_standards'
import { parseRate } from '#domain/reports/exchange'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseImport from '#models/expense_import'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import User from '#models/user'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { currentBudgetLines } from '#queries/grant_finances'
import { parseExpenseFile } from '#services/expense_import'
import { FileStore } from '#services/file_store'

/** Files up to this size are imported while the request waits; bigger ones run as a job. */
export const inlineImportBytes = 200_000

/**
 * Imports of expense lines from CSV or XLSX. The file is kept, every row
 * is validated, and the lines are saved in one transaction only when no
 * row has an error. Progress is recorded as the rows are read, so a page
 * can show it while a large import runs in the background.
 */
export class ExpenseImports {
  async start(reportId: number, fileName: string, bytes: Buffer, by: User) {
    const report = await ExpenseReport.findOrFail(reportId)
    if (!report.isEditable) {
      throw new DomainConflictException(
        'The report is with the funder; lines can be imported only while it is prepared or revised.'
      )
    }
    const stored = await FileStore.put('imports', fileName, bytes, 'application/octet-stream')
    return ExpenseImport.create({
      expenseReportId: report.id,
      status: 'queued',
      fileName: stored.fileName,
      fileKey: stored.key,
      totalRows: 0,
      processedRows: 0,
      importedLines: 0,
      errors: [],
      createdById: by.id,
    })
  }

  /** Runs the import now (awaited for small files, or scheduled as a job). */
  async run(importId: number, ip: string | null = null) {
    const job = await ExpenseImport.findOrFail(importId)
    const report = await ExpenseReport.findOrFail(job.expenseReportId)
    const grant = await Grant.findOrFail(report.grantId)
    const by = await User.findOrFail(job.createdById)
    job.status = 'running'
    await job.save()
    const budgetLines = await currentBudgetLines(grant)
    const bytes = Buffer.from(await FileStore.read(job.fileKey))
    let lastSaved = 0
    const result = await parseExpenseFile(
      bytes,
      job.fileName,
      {
        budgetLines: budgetLines.map((line) => ({
          id: line.id,
          position: line.position,
          label: line.label,
        })),
        standardCodes,
      },
      async (done, total) => {
        if (done - lastSaved < 100 && done !== total) return
        lastSaved = done
        job.merge({ processedRows: done, totalRows: total })
        await job.save()
      }
    )
    if (result.errors.length > 0) {
      job.merge({ status: 'failed', errors: result.errors })
      await job.save()
      return job
    }
    try {
      await new AddExpenseLines().handle(
        report.id,
        result.lines.map((line) => ({
          spentOn: line.spentOn,
          supplier: line.supplier,
          description: line.description,
          budgetLineId: line.budgetLineId,
          standard: line.standard,
          amountCents: line.amountCents,
          currency: line.currency,
          rateMicro: line.exchangeRate ? parseRate(line.exchangeRate) : null,
          rateSource: line.rateSource,
          vat: line.vat,
          receiptNumber: line.receiptNumber,
          supplierCountry: line.supplierCountry,
        })),
        by,
        ip ?? '',
        `import:${job.fileName}`
      )
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The import failed.'
      job.merge({ status: 'failed', errors: [{ row: 0, column: 'file', message }] })
      await job.save()
      return job
    }
    job.merge({
      status: 'done',
      importedLines: result.lines.length,
      processedRows: result.lines.length,
      totalRows: result.lines.length,
    })
    await job.save()
    return job
  }

  /** Schedules the import after the response; failures are logged and recorded on the job. */
  schedule(importId: number, ip: string | null) {
    setImmediate(() => {
      this.run(importId, ip).catch(async (error: unknown) => {
        logger.error({ err: error, importId }, 'expense import failed')
        await ExpenseImport.query()
          .where('id', importId)
          .update({
            status: 'failed',
            errors_json: JSON.stringify([
              { row: 0, column: 'file', message: 'The import failed.' },
            ]),
          })
      })
    })
  }
}
