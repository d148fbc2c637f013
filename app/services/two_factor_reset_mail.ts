import i18nManager from '@adonisjs/i18n/services/main'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import type User from '#models/user'

/** The mail telling a person that an administrator reset their two-factor sign-in, in their language. */
export const TwoFactorResetMail = {
  async send(person: User, admin: User, mustEnrol: boolean) {
    const i18n = i18nManager.locale(person.locale ?? i18nManager.defaultLocale)
    const text = [
      i18n.t('imports2.two_factor_reset.mail_text', {
        name: person.fullName,
        admin: admin.fullName,
      }),
      i18n.t(
        mustEnrol
          ? 'imports2.two_factor_reset.mail_must_enrol'
          : 'imports2.two_factor_reset.mail_may_enrol',
        { link: `${appUrl}/profile/two-factor` }
      ),
      i18n.t('imports2.two_factor_reset.mail_not_you'),
    ].join('\n\n')
    await mail.send((message) => {
      message
        .to(person.email, person.fullName)
        .subject(i18n.t('imports2.two_factor_reset.mail_subject'))
        .text(text)
    })
  },
}
