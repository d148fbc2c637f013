import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  editableReport,
  assertBudgetLine,
  lineAttributes,
  snapshotLine,
} from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'
import type { LineInput } from '#actions/reports/expense_report_support'

export class UpdateExpenseLine {
  async handle(lineId: number, input: LineInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant, budgetLines } = await editableReport(trx, line.expenseReportId)
      assertBudgetLine(budgetLines, input.budgetLineId)
      const before = snapshotLine(line, budgetLines)
      line.merge(lineAttributes(input))
      await line.save()
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.updated',
        subjectType: 'expense_line',
        subjectId: line.id,
        before,
        after: snapshotLine(line, budgetLines),
        ip,
      })
      return line
    })
  }
}
