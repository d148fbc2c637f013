import type { HttpContext } from '@adonisjs/core/http'
import type { Session } from '@adonisjs/session'
import string from '@adonisjs/core/helpers/string'
import i18nManager from '@adonisjs/i18n/services/main'
import { sessionTimeouts } from '#config/session'
import { LOCALE_SESSION_KEY } from '#middleware/detect_locale_middleware'
import { firstOfferedLocale } from '#services/programme_settings'

/** Session keys holding the sign-in instant and the last request (epoch ms). */
export const SIGNED_IN_AT = 'auth_signed_in_at'
export const LAST_SEEN_AT = 'auth_last_seen_at'

/** Writing the last-seen instant at most this often keeps most requests read-only. */
const SEEN_RESOLUTION_MS = 60_000

/**
 * Idle and absolute timeouts of a signed-in web session, kept in the session
 * itself so that they hold whatever the store (the database store also
 * expires idle rows on its own).
 */
export class SessionLifetime {
  static idleMs() {
    return string.seconds.parse(sessionTimeouts.idle) * 1000
  }

  static absoluteMs() {
    return string.seconds.parse(sessionTimeouts.absolute) * 1000
  }

  /** Called right after sign-in. */
  static start(session: Session, now = Date.now()) {
    session.put(SIGNED_IN_AT, now)
    session.put(LAST_SEEN_AT, now)
  }

  /** The page language, as the locale middleware (which runs later) will pick it. */
  static #i18nFor(ctx: HttpContext) {
    const candidates = [
      ctx.session.get(LOCALE_SESSION_KEY),
      ctx.auth.use('web').user?.locale,
      ...ctx.request.languages(),
    ]
    return i18nManager.locale(firstOfferedLocale(candidates))
  }

  /**
   * Signs the web user out when the session is past a timeout and returns
   * true; otherwise records the request and returns false.
   */
  static async endIfExpired(ctx: HttpContext, now = Date.now()) {
    const { session } = ctx
    const signedInAt = Number(session.get(SIGNED_IN_AT)) || null
    const lastSeenAt = Number(session.get(LAST_SEEN_AT)) || null
    if (signedInAt === null || lastSeenAt === null) {
      SessionLifetime.start(session, now)
      return false
    }
    if (
      now - signedInAt > SessionLifetime.absoluteMs() ||
      now - lastSeenAt > SessionLifetime.idleMs()
    ) {
      const i18n = SessionLifetime.#i18nFor(ctx)
      await ctx.auth.use('web').logout()
      session.forget(SIGNED_IN_AT)
      session.forget(LAST_SEEN_AT)
      session.flash('error', i18n.t('account_security.session_expired'))
      return true
    }
    if (now - lastSeenAt >= SEEN_RESOLUTION_MS) session.put(LAST_SEEN_AT, now)
    return false
  }
}
