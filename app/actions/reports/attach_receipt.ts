import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import ExpenseReceipt from '#models/expense_receipt'
import type { StoredFile } from '#services/file_store'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { editableReport } from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'

/** Attaches a stored receipt file to a line; the "no receipt" flag goes away. */
export class AttachReceipt {
  async handle(lineId: number, file: StoredFile, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant, budgetLines } = await editableReport(trx, line.expenseReportId)
      const receipt = await ExpenseReceipt.create(
        {
          expenseLineId: line.id,
          fileKey: file.key,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          uploadedById: by.id,
        },
        { client: trx }
      )
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.receipt_attached',
        subjectType: 'expense_line',
        subjectId: line.id,
        after: { receipt: receipt.id, fileName: file.fileName, sha256: file.sha256 },
        ip,
      })
      return receipt
    })
  }
}
