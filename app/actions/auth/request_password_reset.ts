import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { PasswordTokens } from '#services/password_tokens'

/**
 * Emails a single-use reset link when the address belongs to an active
 * user. The caller answers the same way either way, so the form does not
 * reveal which addresses have accounts.
 */
export class RequestPasswordReset {
  async handle(email: string, ip: string) {
    const user = await User.findBy('email', email)
    if (!user || !user.isActive) return

    const token = await db.transaction(async (trx) => {
      const raw = await PasswordTokens.issue(user, 'reset', trx)
      await AuditTrail.record(trx, {
        actorId: null,
        action: 'auth.password_reset_requested',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
      return raw
    })

    await mail.send((message) => {
      message
        .to(user.email, user.fullName)
        .subject('Shelter Grants: reset your password')
        .text(
          [
            `Hello ${user.fullName},`,
            '',
            'Someone asked to reset the password of your Shelter Grants account.',
            `Open this link within one hour to choose a new password:`,
            `${appUrl}/password/reset/${token}`,
            '',
            'If it was not you, ignore this message: your password stays as it is.',
          ].join('\n')
        )
    })
  }
}
