import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import { hasPendingInvitation } from '#actions/users/pending_invitation'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { instant } from '#services/sql'
import { PasswordTokens } from '#services/password_tokens'

/** Sends a pending invitation again with a fresh link; the earlier links expire now. */
export class ResendInvitation {
  async handle(userId: number, by: User, ip: string, now = DateTime.utc()) {
    const { user, token } = await db.transaction(async (trx) => {
      const found = await User.query({ client: trx }).where('id', userId).forUpdate().firstOrFail()
      if (!(await hasPendingInvitation(found.id, trx))) {
        throw new DomainConflictException('ux.conflicts.this_person_has_no_pending_invitation')
      }
      await trx
        .from('password_tokens')
        .where({ user_id: found.id, purpose: 'invitation' })
        .whereNull('used_at')
        .update({ expires_at: instant(now) })
      const raw = await PasswordTokens.issue(found, 'invitation', trx)
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'invitation.resent',
        subjectType: 'user',
        subjectId: found.id,
        after: { email: found.email },
        ip,
      })
      return { user: found, token: raw }
    })
    const i18n = i18nManager.locale(user.locale ?? i18nManager.defaultLocale)
    await mail.send((message) => {
      message
        .to(user.email, user.fullName)
        .subject(i18n.t('onboarding.mails.invitation_subject'))
        .text(
          i18n.t('onboarding.mails.invitation_text', {
            name: user.fullName,
            by: by.fullName,
            link: `${appUrl}/password/reset/${token}`,
          })
        )
    })
    return user
  }
}
