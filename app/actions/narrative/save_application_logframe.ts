import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { logframeDifferences, emptyLogframe } from '#domain/narrative/logframe'
import Application from '#models/application'
import Logframe from '#models/logframe'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  assertCompleteLogframe,
  logframeOf,
  type LogframeInput,
} from '#actions/narrative/logframe_support'

/** The applicant saves the logframe of its full application while the application is open to edits. */
export class SaveApplicationLogframe {
  async handle(applicationId: number, input: LogframeInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const query = Application.query({ client: trx }).where('id', applicationId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const application = await query.firstOrFail()
      if (application.status !== 'shortlisted') {
        throw new DomainConflictException('narrative.conflicts.application_logframe_locked')
      }
      const content = logframeOf(input)
      await assertCompleteLogframe(trx, content)
      const existing = await Logframe.query({ client: trx })
        .where('application_id', application.id)
        .first()
      const before = existing?.content ?? emptyLogframe()
      const row = existing ?? new Logframe().useTransaction(trx)
      row.merge({
        applicationId: application.id,
        grantId: null,
        version: existing ? existing.version + 1 : 1,
        content,
        updatedById: by.id,
      })
      await row.useTransaction(trx).save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'logframe.saved',
        subjectType: 'application',
        subjectId: application.id,
        before: { version: existing?.version ?? 0 },
        after: { version: row.version, changes: logframeDifferences(before, content) },
        ip,
      })
      return row
    })
  }
}
