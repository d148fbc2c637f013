import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { PasswordTokens } from '#services/password_tokens'

/**
 * Emails a single-use reset link, in the person's language, when the
 * address belongs to an active user. The caller answers the same way
 * either way, so the form does not reveal which addresses have accounts.
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

    const i18n = i18nManager.locale(user.locale ?? i18nManager.defaultLocale)
    const text = i18n.t('texts.mails.password_reset.text', {
      name: user.fullName,
      link: `${appUrl}/password/reset/${token}`,
    })
    await mail.send((message) => {
      message
        .to(user.email, user.fullName)
        .subject(i18n.t('texts.mails.password_reset.subject'))
        .text(text)
    })
  }
}
