import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { firstOfferedLocale } from '#services/programme_settings'

/** What a translated value needs: the reader's locale and their messages. */
export interface Reader {
  locale: string
  t(key: string, data?: Record<string, unknown>): string
}

/** A value of a refusal: text or a number, or text that depends on the reader's language. */
export type ConflictValue = string | number | ((reader: Reader) => string)

/** Message keys are `namespace.path`; anything else is text given as is (a composed refusal). */
const messageKey = /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$/

/**
 * A rule forbids this action in the current state (HTTP 409). The message
 * is a translation key with its values, told in the reader's language: a
 * form is sent back with it flashed, the API answers 409 in the language of
 * the web session or the Accept-Language header. The error's own message
 * is the English text (logs). A test forbids English literals here.
 */
export default class DomainConflictException extends Exception {
  static status = 409
  static code = 'E_CONFLICT'

  readonly key: string | null
  readonly data: Record<string, ConflictValue>

  constructor(
    keyOrText: string,
    data: Record<string, ConflictValue> = {},
    options?: { status?: number; code?: string }
  ) {
    const isKey = messageKey.test(keyOrText)
    super(isKey ? DomainConflictException.say(keyOrText, data, 'en') : keyOrText, options)
    this.key = isKey ? keyOrText : null
    this.data = data
  }

  static say(key: string, data: Record<string, ConflictValue>, locale: string) {
    const reader = i18nManager.locale(locale)
    const values = Object.fromEntries(
      Object.entries(data).map(([name, value]) => [
        name,
        typeof value === 'function' ? value(reader) : value,
      ])
    )
    return reader.t(key, values)
  }

  /** The message in the language of the request (web session, else Accept-Language). */
  messageFor(ctx: HttpContext) {
    if (!this.key) return this.message
    const locale =
      'i18n' in ctx && ctx.i18n ? ctx.i18n.locale : firstOfferedLocale(ctx.request.languages())
    return DomainConflictException.say(this.key, this.data, locale)
  }

  async handle(error: this, ctx: HttpContext) {
    const message = error.messageFor(ctx)
    if ('session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'passwordConfirmation'])
      ctx.session.flash('error', message)
      return ctx.response.redirect().back()
    }
    return ctx.response.status(409).send(message)
  }
}
