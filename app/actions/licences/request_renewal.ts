import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { canRequestRenewal } from '#domain/licences/decisions'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Licence from '#models/licence'
import LicenceRenewal from '#models/licence_renewal'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { holdersOf, sendTaskNotice } from '#services/task_notices'

/** Records that a renewal was applied for: the licence shows "renewal pending". */
export class RequestRenewal {
  async handle(licenceId: number, requestedOn: string, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const licence = await Licence.query({ client: trx })
        .where('id', licenceId)
        .withScopes((s) => s.withFacts())
        .firstOrFail()
      const today = todayInKosovo()
      const check = canRequestRenewal(licence.toFacts(), today)
      if (!check.ok) {
        throw new DomainConflictException(
          check.reason === 'revoked'
            ? 'ux.conflicts.revoked_not_renewed'
            : 'ux.conflicts.renewal_pending'
        )
      }
      const statusBefore = licence.statusOn(today)
      const renewal = await LicenceRenewal.create(
        { licenceId, requestedOn: DateTime.fromISO(requestedOn), recordedById: by.id },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: licence.organisationId,
        action: 'licence.renewal_requested',
        subjectType: 'licence',
        subjectId: licence.id,
        before: { status: statusBefore },
        after: { renewalId: renewal.id, requestedOn },
        ip,
      })
      await sendTaskNotice(trx, {
        notice: 'renewal_requested',
        dedupeKey: `renewal_requested:${renewal.id}`,
        userIds: await holdersOf(trx, 'mlsw_official'),
        exceptUserId: by.id,
        params: { number: licence.number },
        href: `/licences/${licence.id}#renewal`,
        subjectType: 'licence',
        subjectId: licence.id,
      })
      return renewal
    })
  }
}
