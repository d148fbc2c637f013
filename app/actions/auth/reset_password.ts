import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { AuditTrail } from '#services/audit_trail'
import { PasswordTokens } from '#services/password_tokens'

/**
 * Sets a new password through a reset or invitation link and spends the
 * link. Returns false when the link is unknown, used or expired.
 */
export class ResetPassword {
  async handle(rawToken: string, password: string, ip: string) {
    return db.transaction(async (trx) => {
      const token = await PasswordTokens.findUsable(rawToken, trx)
      if (!token) return false

      token.useTransaction(trx)
      token.usedAt = DateTime.now()
      await token.save()

      const user = token.user
      user.useTransaction(trx)
      user.password = password
      await user.save()

      await AuditTrail.record(trx, {
        actorId: user.id,
        action: token.purpose === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
      return true
    })
  }
}
