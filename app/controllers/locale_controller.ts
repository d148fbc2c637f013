import type { HttpContext } from '@adonisjs/core/http'
import { LOCALE_SESSION_KEY } from '#middleware/detect_locale_middleware'
import { localeValidator } from '#validators/user'
import { offeredLocale } from '#services/programme_settings'

/** The language switcher: keeps the choice for the rest of the visit. */
export default class LocaleController {
  async update({ request, response, session, i18n }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    /* Only a language the programme offers is kept. */
    if (!offeredLocale(locale)) {
      session.flash('error', i18n.t('settings3.errors.language_not_offered'))
      return response.redirect().back()
    }
    session.put(LOCALE_SESSION_KEY, locale)
    return response.redirect().back()
  }
}
