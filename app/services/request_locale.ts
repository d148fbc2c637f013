import type { HttpContext } from '@adonisjs/core/http'

type Request = HttpContext['request']
import i18nManager from '@adonisjs/i18n/services/main'
import { firstOfferedLocale } from '#services/programme_settings'

/**
 * The messages of an API request's reader: the languages of its
 * Accept-Language header, else the person's saved language, else English
 * (a web page already has `ctx.i18n`, chosen the same way).
 */
export function requestI18n(request: Request, savedLocale?: string | null) {
  const header = request.header('accept-language')
  /* Only the languages the programme offers (English always); others fall back. */
  return i18nManager.locale(
    firstOfferedLocale([...(header ? request.languages() : []), savedLocale])
  )
}

/** One API message in the reader's language. */
export function apiText(
  request: Request,
  key: string,
  data: Record<string, unknown> = {},
  savedLocale?: string | null
) {
  return requestI18n(request, savedLocale).t(key, data)
}
