import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { referenceModel, subjectOf, type ReferenceKind } from '#actions/settings/reference_items'

/**
 * Retires a municipality or a service from a date (today at the earliest):
 * from then on it is not offered for new records; records that use it keep
 * it. Nothing is ever deleted. Audited.
 */
export class RetireReferenceItem {
  async handle(
    kind: ReferenceKind,
    code: string,
    retiredOn: string,
    by: User,
    ip: string,
    today = todayInKosovo()
  ): Promise<{ ok: true } | { ok: false; errors: { retiredOn: string } }> {
    if (retiredOn < today) return { ok: false, errors: { retiredOn: 'effective_in_past' } }
    const model = referenceModel(kind)
    return db.transaction(async (trx) => {
      const item = await model.findOrFail(code, { client: trx })
      const before = item.retiredOn?.toISODate() ?? null
      item.useTransaction(trx)
      item.retiredOn = DateTime.fromISO(retiredOn)
      await item.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: `${subjectOf(kind)}.retired`,
        subjectType: subjectOf(kind),
        subjectId: code,
        before: { retiredOn: before },
        after: { retiredOn },
        ip,
      })
      return { ok: true as const }
    })
  }
}
