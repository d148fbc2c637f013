import type { HttpContext } from '@adonisjs/core/http'

type Request = HttpContext['request']
import i18nManager from '@adonisjs/i18n/services/main'

/**
 * The messages of an API request's reader: the languages of its
 * Accept-Language header, else the person's saved language, else English
 * (a web page already has `ctx.i18n`, chosen the same way).
 */
export function requestI18n(request: Request, savedLocale?: string | null) {
  const header = request.header('accept-language')
  const candidates = [...(header ? request.languages() : []), savedLocale].filter(
    (value): value is string => typeof value === 'string' && value.length > 0 && value !== '*'
  )
  return i18nManager.locale(
    i18nManager.getSupportedLocaleFor(candidates) ?? i18nManager.defaultLocale
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
