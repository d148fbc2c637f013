import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { reportUnderVerification } from '#actions/reports/expense_report_support'

/**
 * The verifier's decision on one line: an admitted amount from 0 to the
 * claimed one, with a reason whenever it is less. The line keeps who
 * admitted it (`decidedById`): that person never approves the report.
 */
export class AdmitExpenseLine {
  async handle(lineId: number, admittedCents: number, reason: string | null, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant } = await reportUnderVerification(trx, line.expenseReportId, by, ip)
      if (admittedCents > line.claimedCents) {
        throw new DomainConflictException(
          'ux.conflicts.the_admitted_amount_cannot_exceed_the_claimed'
        )
      }
      if (admittedCents < line.claimedCents && !reason) {
        throw new DomainConflictException('ux.conflicts.give_the_reason_for_admitting_less_than')
      }
      const before = { admittedCents: line.admittedCents, reason: line.admissionReason }
      line.merge({
        admittedCents,
        admissionReason: admittedCents < line.claimedCents ? reason : null,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
      })
      await line.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.admitted',
        subjectType: 'expense_line',
        subjectId: line.id,
        before,
        after: {
          admittedCents,
          reason: line.admissionReason,
          report: report.id,
          admittedById: by.id,
        },
        ip,
      })
      return line
    })
  }
}
