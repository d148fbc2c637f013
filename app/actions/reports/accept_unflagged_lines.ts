import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { reportUnderVerification } from '#actions/reports/expense_report_support'

/**
 * Admits in full every undecided line that has no flag; each line keeps who
 * admitted it (`decidedById`), who then never approves the report.
 */
export class AcceptUnflaggedLines {
  async handle(reportId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const lines = await ExpenseLine.query({ client: trx })
        .where('expense_report_id', report.id)
        .whereNull('admitted_cents')
      const clean = lines.filter((line) => line.flags.length === 0)
      for (const line of clean) {
        line.merge({
          admittedCents: line.claimedCents,
          admissionReason: null,
          decidedById: by.id,
          decidedAt: DateTime.utc(),
        })
        await line.save()
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.unflagged_accepted',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: { lines: clean.map((line) => line.id), admittedById: by.id },
        ip,
      })
      return clean.length
    })
  }
}
