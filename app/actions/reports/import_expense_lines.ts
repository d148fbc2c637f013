import logger from '@adonisjs/core/services/logger'
import type User from '#models/user'
import type { LineInput } from '#actions/reports/expense_report_support'
import { clearStaging } from '#actions/reports/expense_line_staging'
import { PublishExpenseLines } from '#actions/reports/publish_expense_lines'
import { StageExpenseLines } from '#actions/reports/stage_expense_lines'

/**
 * Saves the lines of an import, all or none (ADR 0024): they are staged in
 * short chunks (progress = rows staged), then published into
 * `expense_lines` by one short transaction that also marks the import
 * `done`. If anything fails, the staged rows are deleted and nothing is in
 * `expense_lines`; if the process stops, the sweeper deletes them. The
 * staging rows of a published import are deleted after the commit.
 */
export class ImportExpenseLines {
  async handle(
    importId: number,
    reportId: number,
    inputs: LineInput[],
    by: User,
    ip: string,
    source: string,
    onProgress?: (staged: number, total: number) => Promise<void> | void
  ) {
    try {
      const started = performance.now()
      const { added, check } = await new StageExpenseLines().handle(
        importId,
        reportId,
        inputs,
        onProgress
      )
      const staged = performance.now()
      const lines = await new PublishExpenseLines().handle(
        importId,
        reportId,
        added,
        check,
        by,
        ip,
        source
      )
      const publishMs = Math.round(performance.now() - staged)
      const stageMs = Math.round(staged - started)
      logger.info({ importId, lines, stageMs, publishMs }, 'expense import published')
      return lines
    } finally {
      await clearStaging(importId)
    }
  }
}
