import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { editableReport } from '#actions/reports/expense_report_support'

export class SaveReportSummary {
  async handle(reportId: number, summary: string | null, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await editableReport(trx, reportId)
      const before = report.summary
      report.summary = summary
      await report.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.summary_saved',
        subjectType: 'expense_report',
        subjectId: report.id,
        before: { summary: before },
        after: { summary },
        ip,
      })
      return report
    })
  }
}
