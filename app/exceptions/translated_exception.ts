import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { firstOfferedLocale } from '#services/programme_settings'

/**
 * A refusal whose message is a translation key. The message of the error
 * itself is the English text (logs, the API by default); a web form gets
 * it in the page's language as a flash, and the API in the language of
 * the Accept-Language header.
 */
export default abstract class TranslatedException extends Exception {
  constructor(
    readonly key: string,
    readonly data: Record<string, string | number> = {}
  ) {
    super(i18nManager.locale('en').t(key, data))
  }

  /** The message in the language of the request. */
  messageFor(ctx: HttpContext) {
    const i18n =
      'i18n' in ctx && ctx.i18n
        ? ctx.i18n
        : i18nManager.locale(firstOfferedLocale(ctx.request.languages()))
    return i18n.t(this.key, this.data)
  }

  async handle(error: this, ctx: HttpContext) {
    const message = error.messageFor(ctx)
    if ('session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'passwordConfirmation'])
      ctx.session.flash('error', message)
      return ctx.response.redirect().back()
    }
    return ctx.response
      .status(error.status)
      .send({ errors: [{ code: error.code ?? 'E_CONFLICT', message }] })
  }
}
