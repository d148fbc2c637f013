import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ExpenseReportVersion from '#models/expense_report_version'
import type User from '#models/user'
import { currentBudgetLines } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'
import {
  reportUnderVerification,
  linesOf,
  snapshotOf,
} from '#actions/reports/expense_report_support'

/** Sends the report back for revision with comments; the line decisions stay visible. */
export class ReturnExpenseReport {
  async handle(reportId: number, comment: string, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const budgetLines = await currentBudgetLines(grant, trx)
      const lines = await linesOf(trx, report)
      report.merge({
        status: 'returned',
        returnComment: comment,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
      })
      await report.save()
      await ExpenseReportVersion.create(
        {
          expenseReportId: report.id,
          version: report.version,
          event: 'returned',
          snapshot: snapshotOf(report, lines, budgetLines),
          comment,
          createdById: by.id,
        },
        { client: trx }
      )
      if (report.kind === 'final' && grant.status === 'final_report_submitted') {
        grant.status = 'implementation_ended'
        await grant.save()
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.returned',
        subjectType: 'expense_report',
        subjectId: report.id,
        before: { status: 'under_verification' },
        after: { status: 'returned', comment },
        ip,
      })
      await noticeOf(trx, grant, 'grantee', {
        kind: 'report_returned',
        key: `expense_report:${report.id}:returned:${report.version}`,
        href: `/expense-reports/${report.id}`,
        params: { period: report.periodNumber },
      })
      return report
    })
  }
}
