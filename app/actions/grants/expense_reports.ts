import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface ReportTotals {
  periodNumber: number
  claimedCents: number
  summary?: string | null
}

const reportingStatuses = ['signed', 'in_implementation', 'suspended']

/**
 * Expense reports at the level the payment path needs: the grantee files
 * the costs of a period, the funder's finance officer admits an amount
 * (at most the claimed one) and approves, or returns the report with
 * comments. The final report (the last period) is filed once
 * implementation has ended and moves the grant to "final report submitted".
 */
export class ExpenseReports {
  async submit(grantId: number, input: ReportTotals, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const periods = grant.periods
      const period = periods.find((p) => p.number === input.periodNumber)
      if (!period) throw new DomainConflictException('The grant has no such reporting period.')
      const kind = period.isFinal ? 'final' : 'interim'
      if (kind === 'final' && grant.status !== 'implementation_ended') {
        throw new DomainConflictException(
          'The final report is filed once the implementation has ended.'
        )
      }
      if (kind === 'interim' && !reportingStatuses.includes(grant.status)) {
        throw new DomainConflictException('The grant is not running; no interim report is due.')
      }
      const existing = await ExpenseReport.query({ client: trx })
        .where('grant_id', grant.id)
        .where('period_number', period.number)
        .first()
      if (existing && !['draft', 'returned'].includes(existing.status)) {
        throw new DomainConflictException('This report is already submitted.')
      }
      const before = existing
        ? { status: existing.status, claimedCents: existing.claimedCents }
        : null
      const report =
        existing ??
        new ExpenseReport().merge({
          grantId: grant.id,
          periodNumber: period.number,
          kind,
          currency: grant.currency,
          createdById: by.id,
        })
      report.useTransaction(trx)
      report.merge({
        status: 'submitted',
        claimedCents: input.claimedCents,
        admittedCents: null,
        summary: input.summary ?? null,
        submittedById: by.id,
        submittedAt: DateTime.utc(),
      })
      await report.save()
      if (kind === 'final') {
        grant.useTransaction(trx)
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
        after: { period: report.periodNumber, kind, claimedCents: report.claimedCents },
        ip,
      })
      return report
    })
  }

  /** Approves with the admitted amount, or returns with comments. */
  async decide(
    reportId: number,
    decision:
      { outcome: 'approve'; admittedCents: number } | { outcome: 'return'; comment: string },
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const query = ExpenseReport.query({ client: trx }).where('id', reportId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const report = await query.firstOrFail()
      if (!['submitted', 'under_verification'].includes(report.status)) {
        throw new DomainConflictException('Only a submitted report can be decided.')
      }
      const grant = await Grant.findOrFail(report.grantId, { client: trx })
      const before = { status: report.status }
      if (decision.outcome === 'approve') {
        if (decision.admittedCents > report.claimedCents) {
          throw new DomainConflictException('The admitted amount cannot exceed the claimed amount.')
        }
        report.merge({ status: 'approved', admittedCents: decision.admittedCents })
      } else {
        report.merge({ status: 'returned', returnComment: decision.comment })
        if (report.kind === 'final') {
          grant.useTransaction(trx)
          grant.status = 'implementation_ended'
          await grant.save()
        }
      }
      report.merge({ decidedById: by.id, decidedAt: DateTime.utc() })
      await report.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action:
          decision.outcome === 'approve' ? 'expense_report.approved' : 'expense_report.returned',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after:
          decision.outcome === 'approve'
            ? { status: 'approved', admittedCents: decision.admittedCents }
            : { status: 'returned', comment: decision.comment },
        ip,
      })
      return report
    })
  }
}
