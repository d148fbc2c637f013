import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { mayApproveReport } from '#domain/grants/payment_duties'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import DutyConflictException from '#exceptions/duty_conflict_exception'
import ExpenseReportVersion from '#models/expense_report_version'
import type User from '#models/user'
import { currentBudgetLines } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'
import { disclosureSettler } from '#services/disclosure_settler'
import { noticeOf } from '#services/grant_notices'
import {
  reportUnderVerification,
  linesOf,
  snapshotOf,
} from '#actions/reports/expense_report_support'

/**
 * Approves once every line has a decision; the report's admitted amount is
 * their sum. The approver admitted none of its lines (segregation of duties).
 */
export class ApproveExpenseReport {
  async handle(reportId: number, by: User, ip: string) {
    const approved = await db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const budgetLines = await currentBudgetLines(grant, trx)
      const lines = await linesOf(trx, report)
      const undecided = lines.filter((line) => line.admittedCents === null)
      if (undecided.length > 0) {
        throw new DomainConflictException('ux.conflicts.lines_undecided', {
          count: undecided.length,
        })
      }
      if (
        !mayApproveReport(
          lines.map((line) => line.decidedById),
          by.id
        )
      ) {
        throw DutyConflictException.reportAdmitter()
      }
      const admitted = lines.reduce((total, line) => total + (line.admittedCents ?? 0), 0)
      report.merge({
        status: 'approved',
        admittedCents: admitted,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
      })
      await report.save()
      await ExpenseReportVersion.create(
        {
          expenseReportId: report.id,
          version: report.version,
          event: 'approved',
          snapshot: snapshotOf(report, lines, budgetLines),
          comment: null,
          createdById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.approved',
        subjectType: 'expense_report',
        subjectId: report.id,
        before: { status: 'under_verification' },
        after: { status: 'approved', claimedCents: report.claimedCents, admittedCents: admitted },
        ip,
      })
      await noticeOf(trx, grant, 'grantee', {
        kind: 'report_approved',
        key: `expense_report:${report.id}:approved`,
        href: `/expense-reports/${report.id}`,
        params: { period: report.periodNumber },
      })
      return report
    })
    // The indicators count approved reports: their roll-ups are settled after the commit (ADR 0033).
    await disclosureSettler.settle([approved.grantId])
    return approved
  }
}
