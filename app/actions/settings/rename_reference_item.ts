import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  referenceModel,
  subjectOf,
  type ReferenceKind,
  type ReferenceNames,
} from '#actions/settings/reference_items'

/** Renames a municipality or a service in the three languages; its code stays. Audited. */
export class RenameReferenceItem {
  async handle(kind: ReferenceKind, code: string, names: ReferenceNames, by: User, ip: string) {
    const model = referenceModel(kind)
    await db.transaction(async (trx) => {
      const item = await model.findOrFail(code, { client: trx })
      const before = { nameEn: item.nameEn, nameSq: item.nameSq, nameSr: item.nameSr }
      item.useTransaction(trx)
      item.merge(names)
      await item.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: `${subjectOf(kind)}.renamed`,
        subjectType: subjectOf(kind),
        subjectId: code,
        before,
        after: names,
        ip,
      })
    })
  }
}
