import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { editableReport, snapshotLine } from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'

export class DeleteExpenseLine {
  async handle(lineId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant, budgetLines } = await editableReport(trx, line.expenseReportId)
      const before = snapshotLine(line, budgetLines)
      await line.delete()
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.deleted',
        subjectType: 'expense_line',
        subjectId: lineId,
        before,
        ip,
      })
      return report
    })
  }
}
