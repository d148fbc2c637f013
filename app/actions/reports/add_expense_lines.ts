import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  editableReport,
  assertBudgetLine,
  lineAttributes,
} from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'
import type { LineInput } from '#actions/reports/expense_report_support'

/** Adds lines (one typed, or all the rows of an import) in one transaction: all or none. */
export class AddExpenseLines {
  async handle(reportId: number, inputs: LineInput[], by: User, ip: string, source = 'form') {
    return db.transaction(async (trx) => {
      const { report, grant, budgetLines } = await editableReport(trx, reportId)
      const last = await ExpenseLine.query({ client: trx })
        .where('expense_report_id', report.id)
        .max('position as last_position')
      let position = Number(last[0]?.$extras.last_position ?? 0)
      const lines: ExpenseLine[] = []
      for (const input of inputs) {
        assertBudgetLine(budgetLines, input.budgetLineId)
        lines.push(
          await ExpenseLine.create(
            {
              expenseReportId: report.id,
              position: ++position,
              ...lineAttributes(input),
              flags: [],
              createdById: by.id,
            },
            { client: trx }
          )
        )
      }
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.lines_added',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: {
          source,
          lines: lines.length,
          claimedCents: lines.reduce((total, line) => total + line.claimedCents, 0),
        },
        ip,
      })
      return lines
    })
  }
}
