import type { HttpContext } from '@adonisjs/core/http'
import { LOCALE_COOKIE } from '#middleware/detect_locale_middleware'
import { localeValidator } from '#validators/user'

/** The language switcher: remembers the choice in a cookie for a year. */
export default class LocaleController {
  async update({ request, response }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    response.plainCookie(LOCALE_COOKIE, locale, {
      maxAge: '1y',
      encode: false,
      httpOnly: true,
      sameSite: 'lax',
    })
    return response.redirect().back()
  }
}
