import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseImport from '#models/expense_import'
import type Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * Hides a refused (failed or interrupted) import from the report page once
 * its errors are read. Nothing is deleted: the row, its errors and the
 * dismissal stay on record.
 */
export class DismissExpenseImport {
  async handle(jobId: number, grant: Grant, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const job = await ExpenseImport.query({ client: trx }).where('id', jobId).firstOrFail()
      if (!['failed', 'interrupted'].includes(job.status)) {
        throw new DomainConflictException('ux.conflicts.only_a_refused_import_can_be_dismissed')
      }
      if (job.dismissedAt) return job
      job.useTransaction(trx)
      job.dismissedAt = DateTime.utc()
      await job.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_import.dismissed',
        subjectType: 'expense_import',
        subjectId: job.id,
        after: { report: job.expenseReportId, status: job.status },
        ip,
      })
      return job
    })
  }
}
