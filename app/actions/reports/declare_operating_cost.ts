import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import OperatingCostDeclaration from '#models/operating_cost_declaration'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { editableReport } from '#actions/reports/expense_report_support'

export interface OperatingCostInput {
  /** The shelter's total cost of running it in the report's period, from all sources. */
  amountCents: number
  note: string | null
}

/**
 * The grantee declares, with the expense report, the shelter's total
 * operating cost from all sources in the period. A new declaration
 * replaces the previous one and clears its verification.
 */
export class DeclareOperatingCost {
  async handle(reportId: number, input: OperatingCostInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await editableReport(trx, reportId)
      const existing = await OperatingCostDeclaration.query({ client: trx })
        .where('expense_report_id', report.id)
        .first()
      const before = existing
        ? {
            declaredCents: existing.declaredCents,
            declarationNote: existing.declarationNote,
            verifiedCents: existing.verifiedCents,
          }
        : undefined
      const values = {
        currency: report.currency,
        declaredCents: input.amountCents,
        declarationNote: input.note,
        declaredById: by.id,
        declaredAt: DateTime.utc(),
        verifiedCents: null,
        verificationNote: null,
        verifiedById: null,
        verifiedAt: null,
      }
      const declaration = existing
        ? await existing.useTransaction(trx).merge(values).save()
        : await OperatingCostDeclaration.create(
            { expenseReportId: report.id, ...values },
            { client: trx }
          )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.operating_cost_declared',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after: { declaredCents: input.amountCents, declarationNote: input.note },
        ip,
      })
      return declaration
    })
  }
}
