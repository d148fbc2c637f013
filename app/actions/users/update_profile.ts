import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/** A person edits their own name and preferred language. */
export class UpdateProfile {
  async handle(user: User, changes: { fullName: string; locale: string | null }, ip: string) {
    const before = { fullName: user.fullName, locale: user.locale }
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.merge(changes)
      await user.save()
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: 'user.profile_updated',
        subjectType: 'user',
        subjectId: user.id,
        before,
        after: { fullName: user.fullName, locale: user.locale },
        ip,
      })
    })
  }
}
