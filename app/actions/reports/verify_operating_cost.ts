import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import OperatingCostDeclaration from '#models/operating_cost_declaration'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { reportUnderVerification } from '#actions/reports/expense_report_support'

export interface OperatingCostVerification {
  /** The figure the verifier accepts (the declared one, or a corrected one after the audit). */
  amountCents: number
  note: string | null
}

/**
 * The verifier accepts the declared total operating cost, or corrects it
 * with a note, while the report is under verification. The handover plan
 * uses only this verified figure.
 */
export class VerifyOperatingCost {
  async handle(reportId: number, input: OperatingCostVerification, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const declaration = await OperatingCostDeclaration.query({ client: trx })
        .where('expense_report_id', report.id)
        .first()
      if (!declaration) {
        throw new DomainConflictException('ux.conflicts.the_grantee_has_not_declared_an_operating')
      }
      if (input.amountCents !== declaration.declaredCents && !input.note) {
        throw new DomainConflictException('ux.conflicts.a_verified_operating_cost_other_than_the')
      }
      const before = {
        verifiedCents: declaration.verifiedCents,
        verificationNote: declaration.verificationNote,
      }
      declaration.useTransaction(trx).merge({
        verifiedCents: input.amountCents,
        verificationNote: input.note,
        verifiedById: by.id,
        verifiedAt: DateTime.utc(),
      })
      await declaration.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.operating_cost_verified',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after: {
          declaredCents: declaration.declaredCents,
          verifiedCents: input.amountCents,
          verificationNote: input.note,
        },
        ip,
      })
      return declaration
    })
  }
}
