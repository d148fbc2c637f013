import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

const runningStatuses = ['signed', 'in_implementation', 'suspended']

/** The report of a period, created as a draft the first time. */
export class OpenExpenseReport {
  async handle(grantId: number, periodNumber: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const period = grant.periods.find((p) => p.number === periodNumber)
      if (!period)
        throw new DomainConflictException('ux.conflicts.the_grant_has_no_such_reporting_period')
      const existing = await ExpenseReport.query({ client: trx })
        .where('grant_id', grant.id)
        .where('period_number', period.number)
        .first()
      if (existing) return existing
      const kind = period.isFinal ? 'final' : 'interim'
      if (
        kind === 'final' &&
        !['implementation_ended', ...runningStatuses].includes(grant.status)
      ) {
        throw new DomainConflictException('ux.conflicts.the_grant_is_not_running_no_report')
      }
      if (kind === 'interim' && !runningStatuses.includes(grant.status)) {
        throw new DomainConflictException('ux.conflicts.the_grant_is_not_running_no_interim')
      }
      const report = await ExpenseReport.create(
        {
          grantId: grant.id,
          periodNumber: period.number,
          kind,
          status: 'draft',
          currency: grant.currency,
          claimedCents: 0,
          admittedCents: null,
          version: 0,
          createdById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.created',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: { grant: grant.reference, period: period.number, kind },
        ip,
      })
      return report
    })
  }
}
