import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { UserSessions } from '#services/user_sessions'

/**
 * A person changes their password, proving the current one first. Every
 * other web session of theirs ends and every API token is deleted; the
 * session making the change (`keepSessionId`) stays signed in.
 */
export class ChangePassword {
  async handle(
    user: User,
    currentPassword: string,
    newPassword: string,
    ip: string,
    keepSessionId?: string
  ) {
    if (!(await hash.verify(user.password, currentPassword))) return false
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.password = newPassword
      await user.save()
      const tokensRevoked = await UserSessions.revokeTokens(user, trx)
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.id,
        after: { tokensRevoked },
        ip,
      })
    })
    await UserSessions.endOthers(user, keepSessionId)
    return true
  }
}
