import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  referenceModel,
  subjectOf,
  type ReferenceKind,
  type ReferenceNames,
} from '#actions/settings/reference_items'

/** Adds a municipality or a service; a code is never reused. Audited. */
export class AddReferenceItem {
  async handle(
    kind: ReferenceKind,
    input: ReferenceNames & { code: string },
    by: User,
    ip: string
  ): Promise<{ ok: true } | { ok: false; errors: { code: string } }> {
    const model = referenceModel(kind)
    return db.transaction(async (trx) => {
      if (await model.find(input.code, { client: trx })) {
        return { ok: false as const, errors: { code: 'code_taken' } }
      }
      await model.create(input, { client: trx })
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: `${subjectOf(kind)}.added`,
        subjectType: subjectOf(kind),
        subjectId: input.code,
        after: input,
        ip,
      })
      return { ok: true as const }
    })
  }
}
