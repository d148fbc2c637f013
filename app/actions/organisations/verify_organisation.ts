import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { RegistrationMails } from '#services/registration_mails'

export type Verification = { decision: 'approve' } | { decision: 'return'; reason: string }

/**
 * A grant manager of the funder checks a registered NGO against its
 * documents: approving makes it active (it may then apply); sending it back
 * keeps it pending with the reason. Audited; the NGO's people are emailed.
 */
export class VerifyOrganisation {
  async handle(id: number, verification: Verification, by: User, ip: string, now = DateTime.utc()) {
    const organisation = await db.transaction(async (trx) => {
      const found = await Organisation.query({ client: trx })
        .where('id', id)
        .forUpdate()
        .firstOrFail()
      if (found.status !== 'pending') {
        throw new DomainConflictException(
          'ux.conflicts.only_organisations_pending_verification_are_verified'
        )
      }
      const before = { status: found.status, verificationNote: found.verificationNote }
      found.useTransaction(trx)
      if (verification.decision === 'approve') {
        found.status = 'active'
        found.verifiedAt = now
        found.verificationNote = null
      } else {
        found.verificationNote = verification.reason
      }
      await found.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: found.id,
        action:
          verification.decision === 'approve' ? 'organisation.verified' : 'organisation.returned',
        subjectType: 'organisation',
        subjectId: found.id,
        before,
        after: { status: found.status, verificationNote: found.verificationNote },
        ip,
      })
      return found
    })

    const members = await User.query()
      .where('isActive', true)
      .whereHas('memberships', (m) => m.where('organisationId', organisation.id))
    if (verification.decision === 'approve') await RegistrationMails.verified(members, organisation)
    else await RegistrationMails.returned(members, organisation, verification.reason)
    return organisation
  }
}
