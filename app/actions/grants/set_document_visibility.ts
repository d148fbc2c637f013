import db from '@adonisjs/lucid/services/db'
import Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface DocumentVisibilityInput {
  confidential: boolean
  /** Why the documents would reveal a shelter: required (by the validators) when confidential, dropped otherwise. */
  reason: string | null
}

/**
 * Marks a grant's documents confidential (no EU emblem, a confidentiality
 * mark) or back to the EU visibility mark. The funder's grant manager
 * decides; the decision is audited with the mark before and after.
 */
export class SetDocumentVisibility {
  async handle(grantId: number, input: DocumentVisibilityInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const before = {
        confidential: grant.documentsConfidential,
        reason: grant.documentsConfidentialReason,
      }
      const after = {
        confidential: input.confidential,
        reason: input.confidential ? input.reason : null,
      }
      if (before.confidential === after.confidential && before.reason === after.reason) {
        return grant
      }
      grant.documentsConfidential = after.confidential
      grant.documentsConfidentialReason = after.reason
      grant.useTransaction(trx)
      await grant.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'grant.document_visibility_set',
        subjectType: 'grant',
        subjectId: grant.id,
        before,
        after,
        ip,
      })
      return grant
    })
  }
}
