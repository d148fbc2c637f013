import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/** A person changes their password, proving the current one first. */
export class ChangePassword {
  async handle(user: User, currentPassword: string, newPassword: string, ip: string) {
    if (!(await hash.verify(user.password, currentPassword))) return false
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.password = newPassword
      await user.save()
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
    })
    return true
  }
}
