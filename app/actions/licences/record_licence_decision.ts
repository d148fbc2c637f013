import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DecisionKind } from '#domain/licences/licence'
import { canDecide } from '#domain/licences/decisions'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Licence from '#models/licence'
import LicenceDecision from '#models/licence_decision'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'

/** Suspends, revokes or reinstates a licence, with a reason and a date. */
export class RecordLicenceDecision {
  async handle(
    licenceId: number,
    kind: DecisionKind,
    effectiveOn: string,
    reason: string,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const licence = await Licence.query({ client: trx })
        .where('id', licenceId)
        .withScopes((s) => s.withFacts())
        .firstOrFail()
      const today = todayInKosovo()
      const check = canDecide(licence.toFacts(), kind, effectiveOn)
      if (!check.ok) throw new DomainConflictException(`ux.conflicts.licence_${check.reason}`)

      const statusBefore = licence.statusOn(today)
      const decision = await LicenceDecision.create(
        { licenceId, kind, effectiveOn: DateTime.fromISO(effectiveOn), reason, decidedById: by.id },
        { client: trx }
      )
      await licence.load('decisions', (q) => q.orderBy('effective_on').orderBy('id'))
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: licence.organisationId,
        action: `licence.${kind}`,
        subjectType: 'licence',
        subjectId: licence.id,
        before: { status: statusBefore },
        after: { status: licence.statusOn(today), effectiveOn, reason },
        ip,
      })
      return decision
    })
  }
}
