import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import DomainConflictException, { type Reader } from '#exceptions/domain_conflict_exception'
import type { LogframeGap } from '#domain/narrative/logframe'

/** One gap of the logframe in the reader's language: "an activity under result R2". */
export function gapText(gap: LogframeGap, reader: Reader) {
  return gap.code === 'activity'
    ? reader.t('logframe.gaps.activity', { ref: gap.ref })
    : reader.t(`logframe.gaps.${gap.code}`, {})
}

/**
 * A full application is submitted while its logframe lacks what the
 * submission needs (HTTP 409): the message names each gap in the reader's
 * language. The form is sent back with it (what was typed is already
 * saved); the API lists one error per gap.
 */
export default class LogframeIncompleteException extends DomainConflictException {
  static code = 'E_LOGFRAME_INCOMPLETE'

  constructor(readonly gaps: LogframeGap[]) {
    super('logframe.refusals.incomplete', {
      missing: (reader) => gaps.map((gap) => gapText(gap, reader)).join('; '),
    })
  }

  /** One API error per gap, in the language of the request. */
  errorsFor(ctx: HttpContext) {
    const locale =
      'i18n' in ctx && ctx.i18n
        ? ctx.i18n.locale
        : (i18nManager.getSupportedLocaleFor(ctx.request.languages()) ?? i18nManager.defaultLocale)
    const reader = i18nManager.locale(locale)
    return this.gaps.map((gap) => ({
      code: `E_LOGFRAME_${gap.code.toUpperCase()}`,
      message: reader.t('logframe.refusals.gap', { missing: gapText(gap, reader) }),
      field: gap.code === 'activity' ? `logframe.${gap.ref}` : 'logframe',
    }))
  }
}
