import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { AuditTrail } from '#services/audit_trail'
import { PasswordTokens } from '#services/password_tokens'
import { UserSessions } from '#services/user_sessions'

/**
 * Sets a new password through a reset or invitation link and spends the
 * link, with every other unused link of the user. The old credentials stop
 * working everywhere: every API token is deleted and every web session is
 * ended. Returns false when the link is unknown, used or expired.
 */
export class ResetPassword {
  async handle(rawToken: string, password: string, ip: string) {
    const user = await db.transaction(async (trx) => {
      const token = await PasswordTokens.findUsable(rawToken, trx)
      if (!token) return null

      token.useTransaction(trx)
      token.usedAt = DateTime.now()
      await token.save()

      const owner = token.user
      await PasswordTokens.voidUnused(owner, 'reset', trx)
      await PasswordTokens.voidUnused(owner, 'invitation', trx)

      owner.useTransaction(trx)
      owner.password = password
      await owner.save()
      const tokensRevoked = await UserSessions.revokeTokens(owner, trx)

      await AuditTrail.record(trx, {
        actorId: owner.id,
        action: token.purpose === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
        subjectType: 'user',
        subjectId: owner.id,
        after: { tokensRevoked },
        ip,
      })
      return owner
    })
    if (!user) return false
    await UserSessions.endOthers(user)
    return true
  }
}
