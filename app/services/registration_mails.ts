import encryption from '@adonisjs/core/services/encryption'
import i18nManager from '@adonisjs/i18n/services/main'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { firstOfferedLocale } from '#services/programme_settings'

const CONFIRMATION_PURPOSE = 'email_confirmation'

/**
 * The email confirmation link of a registrant: encrypted and signed with the
 * APP_KEY, valid three days, and single-use because confirming sets
 * `email_confirmed_at` (a confirmed account ignores the link).
 */
export function confirmationToken(user: User) {
  return encryption.encrypt({ userId: user.id, email: user.email }, '3 days', CONFIRMATION_PURPOSE)
}

export function readConfirmationToken(token: string) {
  const value = encryption.decrypt<{ userId: number; email: string }>(token, CONFIRMATION_PURPOSE)
  return value && typeof value.userId === 'number' ? value : null
}

function translator(locale: string | null | undefined) {
  return i18nManager.locale(firstOfferedLocale([locale]))
}

/** Registration emails, in the recipient's language (en, sq, sr-Latn). */
export const RegistrationMails = {
  async confirmEmail(user: User, organisation: Organisation) {
    const i18n = translator(user.locale)
    const link = `${appUrl}/register/confirm/${confirmationToken(user)}`
    await mail.send((message) => {
      message
        .to(user.email, user.fullName)
        .subject(i18n.t('onboarding.mails.confirm_subject'))
        .text(
          i18n.t('onboarding.mails.confirm_text', {
            name: user.fullName,
            organisation: organisation.name,
            link,
          })
        )
    })
  },

  async awaitingVerification(managers: User[], organisation: Organisation) {
    for (const manager of managers) {
      const i18n = translator(manager.locale)
      await mail.send((message) => {
        message
          .to(manager.email, manager.fullName)
          .subject(i18n.t('onboarding.mails.awaiting_subject', { organisation: organisation.name }))
          .text(
            i18n.t('onboarding.mails.awaiting_text', {
              name: manager.fullName,
              organisation: organisation.name,
              link: `${appUrl}/organisations/${organisation.id}`,
            })
          )
      })
    }
  },

  async verified(members: User[], organisation: Organisation) {
    for (const member of members) {
      const i18n = translator(member.locale)
      await mail.send((message) => {
        message
          .to(member.email, member.fullName)
          .subject(i18n.t('onboarding.mails.verified_subject', { organisation: organisation.name }))
          .text(
            i18n.t('onboarding.mails.verified_text', {
              name: member.fullName,
              organisation: organisation.name,
              link: `${appUrl}/calls`,
            })
          )
      })
    }
  },

  async returned(members: User[], organisation: Organisation, reason: string) {
    for (const member of members) {
      const i18n = translator(member.locale)
      await mail.send((message) => {
        message
          .to(member.email, member.fullName)
          .subject(i18n.t('onboarding.mails.returned_subject', { organisation: organisation.name }))
          .text(
            i18n.t('onboarding.mails.returned_text', {
              name: member.fullName,
              organisation: organisation.name,
              reason,
              link: `${appUrl}/organisations/${organisation.id}`,
            })
          )
      })
    }
  },
}
