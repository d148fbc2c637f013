import type { HttpContext } from '@adonisjs/core/http'
import { LOCALE_SESSION_KEY } from '#middleware/detect_locale_middleware'
import { localeValidator } from '#validators/user'

/** The language switcher: keeps the choice for the rest of the visit. */
export default class LocaleController {
  async update({ request, response, session }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    session.put(LOCALE_SESSION_KEY, locale)
    return response.redirect().back()
  }
}
