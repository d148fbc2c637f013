import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import type { HttpContext } from '@adonisjs/core/http'
import {
  firstOfferedLocale,
  offeredLanguagesNow,
  programmeCurrencyNow,
  refreshSharedSettings,
} from '#services/programme_settings'

/** The session key of the language chosen with the switcher. */
export const LOCALE_SESSION_KEY = 'locale'

/**
 * Picks the language of the page: the one chosen with the switcher (kept
 * in the session), else the user's saved preference, else the browser's.
 */
export default class DetectLocaleMiddleware {
  protected localeFor(ctx: HttpContext) {
    const chosen = ctx.session?.get(LOCALE_SESSION_KEY)
    /* The web guard's user: `auth.user` is only set by `auth.authenticate()`, not `use('web').check()`. */
    const saved = ctx.auth ? ctx.auth.use('web').user?.locale : null
    /* Only the languages the programme offers (English always); others fall back. */
    return firstOfferedLocale([chosen, saved, ...ctx.request.languages()])
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await refreshSharedSettings()
    ctx.i18n = i18nManager.locale(this.localeFor(ctx))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    if ('view' in ctx) {
      ctx.view.share({
        i18n: ctx.i18n,
        offeredLanguages: offeredLanguagesNow(),
        programmeCurrency: programmeCurrencyNow(),
      })
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
