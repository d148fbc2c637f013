import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { standardCodes } from '#domain/reports/minimum_standards'
import { parseRate } from '#domain/reports/exchange'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseImport, { type StoredImportError } from '#models/expense_import'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import User from '#models/user'
import { ImportExpenseLines } from '#actions/reports/import_expense_lines'
import { sweepStaging } from '#actions/reports/expense_line_staging'
import { currentBudgetLines } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'
import {
  FileProblem,
  fileError,
  importText,
  inspectZip,
  type ImportResult,
  type ImportText,
} from '#services/expense_import'
import { parseInWorker } from '#services/expense_import_thread'
import { FileStore } from '#services/file_store'
import { ImportProgress } from '#services/import_progress'

/** A job still `running` this long after its last progress was written is taken as dead. */
export const staleImportMinutes = 5

/** Imports saving their lines in this process, by id (awaited by tests and on shutdown). */
const saving = new Map<number, Promise<ExpenseImport>>()

/**
 * Imports of expense lines from CSV or XLSX. The file is kept, read and
 * validated in a worker thread (the request waits for that, the event
 * loop does not), and the lines are saved after the response, only when
 * no row has an error: staged in short chunks, then published in one
 * short transaction (ADR 0024). Progress (rows read, then rows staged) is
 * recorded on the import so the page and the API can show it.
 */
export class ExpenseImports {
  /**
   * Refuses a ZIP bomb before anything is stored: the check reads the
   * central directory and inflates on zlib's thread pool, counting bytes.
   */
  async precheck(fileName: string, bytes: Buffer): Promise<ImportText | null> {
    if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) return null
    try {
      await inspectZip(bytes, fileName)
      return null
    } catch (error) {
      if (error instanceof FileProblem) return error.reason
      throw error
    }
  }

  async start(reportId: number, fileName: string, bytes: Buffer, by: User) {
    const report = await ExpenseReport.findOrFail(reportId)
    if (!report.isEditable) {
      throw new DomainConflictException('ux.conflicts.the_report_is_with_the_funder_lines')
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

  /**
   * Reads and validates the file in a worker thread. A file with errors
   * fails the import (nothing saved); otherwise its lines are saved in
   * the background, and the import is returned still `running`.
   */
  async run(importId: number, ip: string | null = null) {
    const job = await ExpenseImport.findOrFail(importId)
    const report = await ExpenseReport.findOrFail(job.expenseReportId)
    const grant = await Grant.findOrFail(report.grantId)
    job.merge({ status: 'running', errors: [], processedRows: 0, totalRows: 0 })
    await job.save()
    const readStarted = performance.now()
    const result = await this.read(job, grant)
    const readMs = Math.round(performance.now() - readStarted)
    if (result.errors.length > 0) {
      job.merge({ status: 'failed', errors: result.errors })
      await job.save()
      return job
    }
    const done = this.save(job, report, result, ip, readMs).finally(() => saving.delete(job.id))
    saving.set(job.id, done)
    return job
  }

  /** Runs the whole import after the response (a retry); failures are recorded on the import. */
  schedule(importId: number, ip: string | null) {
    const done = this.run(importId, ip)
      .then((job) => saving.get(job.id) ?? job)
      .catch(async (error: unknown) => {
        logger.error({ err: error, importId }, 'expense import failed')
        const job = await ExpenseImport.findOrFail(importId)
        job.merge({
          status: 'failed',
          errors: [fileError(importText('texts.imports.failed'))],
        })
        await job.save()
        return job
      })
      .finally(() => saving.delete(importId))
    saving.set(importId, done)
    return done
  }

  /** Puts a failed or interrupted import back to work with its kept file; audited. */
  async retry(job: ExpenseImport, by: User, ip: string) {
    if (job.status !== 'failed' && job.status !== 'interrupted') {
      throw new DomainConflictException('ux.conflicts.only_a_failed_or_interrupted_import_can')
    }
    const report = await ExpenseReport.findOrFail(job.expenseReportId)
    if (!report.isEditable) {
      throw new DomainConflictException('ux.conflicts.the_report_is_with_the_funder_lines')
    }
    const grant = await Grant.findOrFail(report.grantId)
    const before = { status: job.status }
    await db.transaction(async (trx) => {
      job.useTransaction(trx)
      job.merge({ status: 'queued', errors: [], processedRows: 0, totalRows: 0, importedLines: 0 })
      await job.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_import.retried',
        subjectType: 'expense_import',
        subjectId: job.id,
        before,
        after: { status: 'queued' },
        ip,
      })
    })
    this.schedule(job.id, ip)
    return job
  }

  /** Resolves when the import has finished saving in this process (at once if it is not). */
  static async settled(importId: number) {
    await saving.get(importId)
    return ExpenseImport.findOrFail(importId)
  }

  /**
   * Marks as `interrupted` the imports left `running` or `queued` by a
   * process that stopped: they never published, so nothing is in
   * `expense_lines`, and they can be retried. Deletes what imports no
   * longer running left in the staging table.
   */
  static async sweepInterrupted(now = DateTime.utc()) {
    const before = now.minus({ minutes: staleImportMinutes })
    const stale = await ExpenseImport.query()
      .whereIn('status', ['running', 'queued'])
      .where('updated_at', '<', stamp(before))
    for (const job of stale) {
      if (saving.has(job.id)) continue
      job.merge({
        status: 'interrupted',
        errors: [fileError(importText('texts.imports.interrupted'))],
      })
      await job.save()
    }
    await sweepStaging((id) => saving.has(id))
    return stale.length
  }

  private async read(job: ExpenseImport, grant: Grant): Promise<ImportResult> {
    const budgetLines = await currentBudgetLines(grant)
    const bytes = Buffer.from(await FileStore.read(job.fileKey))
    let written = Date.now()
    let progress: Promise<unknown> = Promise.resolve()
    const result = await parseInWorker(
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
      (done, total) => {
        if (Date.now() - written < 500 && done !== total) return
        written = Date.now()
        progress = progress.then(() =>
          ExpenseImport.query()
            .where('id', job.id)
            .update({
              processed_rows: done,
              total_rows: total,
              updated_at: stamp(DateTime.utc()),
            })
        )
      }
    )
    await progress
    return result
  }

  private async save(
    job: ExpenseImport,
    report: ExpenseReport,
    result: ImportResult,
    ip: string | null,
    readMs: number
  ) {
    const by = await User.findOrFail(job.createdById)
    const total = result.lines.length
    const saveStarted = performance.now()
    job.merge({ processedRows: 0, totalRows: total })
    await job.save()
    let written = 0
    ImportProgress.set(job.id, 0, total)
    try {
      await new ImportExpenseLines().handle(
        job.id,
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
        `import:${job.fileName}`,
        async (staged) => {
          ImportProgress.set(job.id, staged, total)
          if (Date.now() - written < 250 && staged !== total) return
          written = Date.now()
          // A short write of its own: every instance (and the sweeper) sees the progress.
          await ExpenseImport.query()
            .where('id', job.id)
            .update({ processed_rows: staged, updated_at: stamp(DateTime.utc()) })
        }
      )
    } catch (error) {
      ImportProgress.clear(job.id)
      if (!(error instanceof DomainConflictException)) {
        logger.error({ err: error, importId: job.id }, 'expense import failed while saving')
      }
      await job.refresh()
      job.merge({ status: 'failed', errors: [publishFailure(error)] })
      await job.save()
      return job
    }
    ImportProgress.clear(job.id)
    await job.refresh()
    const saveMs = Math.round(performance.now() - saveStarted)
    logger.info({ importId: job.id, lines: total, readMs, saveMs }, 'expense import done')
    return job
  }
}

/**
 * Why saving the lines failed, as kept with the import: a refusal raised
 * while publishing (the report moved on) keeps its message key when its
 * values are plain; anything else is told as a failed import.
 */
function publishFailure(error: unknown): StoredImportError {
  if (error instanceof DomainConflictException && error.key) {
    const values = Object.entries(error.data)
    if (values.every(([, value]) => typeof value !== 'function')) {
      return fileError(importText(error.key, Object.fromEntries(values) as ImportText['values']))
    }
  }
  return fileError(importText('texts.imports.failed'))
}

/** An instant as the connection stores timestamps (SQLite compares them as text). */
function stamp(instant: DateTime) {
  return instant.toUTC().toFormat(db.connection().dialect.dateTimeFormat)
}
