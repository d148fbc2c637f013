import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * The administrative and eligibility check of a concept note against the
 * call's checklist. For shelter calls the licence check made at the
 * deadline counts too: without cover the note is not compliant.
 */
export class RecordAdminCheck {
  async handle(applicationId: number, answers: Record<string, boolean>, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const application = await Application.query({ client: trx })
        .where('id', applicationId)
        .preload('call')
        .firstOrFail()
      const call = application.call
      if (call.status !== 'concept_notes_closed') {
        throw new DomainConflictException('ux.conflicts.the_check_is_made_after_concept_notes')
      }
      if (!['submitted', 'compliant', 'not_compliant'].includes(application.status)) {
        throw new DomainConflictException('ux.conflicts.only_submitted_concept_notes_are_checked')
      }
      const checklist = Object.fromEntries(
        call.eligibilityChecklist.map((item) => [item.key, answers[item.key] === true])
      )
      const licenceOk = !call.requiresLicence || application.licenceCheck?.covered === true
      const compliant = Object.values(checklist).every(Boolean) && licenceOk
      const from = application.status
      const to = compliant ? 'compliant' : 'not_compliant'
      application.useTransaction(trx)
      application.merge({
        adminChecklist: checklist,
        isAdminCompliant: compliant,
        adminCheckedById: by.id,
        adminCheckedAt: DateTime.utc(),
        status: to,
      })
      await application.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'application.admin_checked',
        subjectType: 'application',
        subjectId: application.id,
        before: { status: from },
        after: { status: to, checklist, licenceCovered: licenceOk },
        ip,
      })
      return application
    })
  }
}
