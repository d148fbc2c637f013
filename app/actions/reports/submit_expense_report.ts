import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseReportVersion from '#models/expense_report_version'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'
import { editableReport, linesOf, snapshotOf } from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'

/** Sends the report to the funder; a final report moves the grant to "final report submitted". */
export class SubmitExpenseReport {
  async handle(reportId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant, budgetLines } = await editableReport(trx, reportId)
      await refreshReport(trx, report, grant, budgetLines)
      const lines = await linesOf(trx, report)
      if (lines.length === 0) {
        throw new DomainConflictException('ux.conflicts.add_at_least_one_expense_line_before')
      }
      if (report.kind === 'final' && grant.status !== 'implementation_ended') {
        throw new DomainConflictException('ux.conflicts.the_final_report_is_submitted_once_the')
      }
      const before = { status: report.status, version: report.version }
      report.merge({
        status: 'submitted',
        version: report.version + 1,
        submittedById: by.id,
        submittedAt: DateTime.utc(),
        returnComment: null,
        admittedCents: null,
      })
      await report.save()
      await ExpenseReportVersion.create(
        {
          expenseReportId: report.id,
          version: report.version,
          event: 'submitted',
          snapshot: snapshotOf(report, lines, budgetLines),
          comment: null,
          createdById: by.id,
        },
        { client: trx }
      )
      if (report.kind === 'final') {
        grant.status = 'final_report_submitted'
        await grant.save()
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.submitted',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after: { status: 'submitted', version: report.version, claimedCents: report.claimedCents },
        ip,
      })
      await noticeOf(trx, grant, 'funderFinance', {
        kind: 'report_submitted',
        key: `expense_report:${report.id}:submitted:${report.version}`,
        href: `/expense-reports/${report.id}`,
        params: { period: report.periodNumber },
      })
      return report
    })
  }
}
