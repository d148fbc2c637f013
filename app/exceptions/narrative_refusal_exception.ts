import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import DomainConflictException from '#exceptions/domain_conflict_exception'

/** One problem of a logframe or narrative report: a code in `narrative.problems` and where it is. */
export interface NarrativeRefusal {
  field: string
  code: string
}

/**
 * A logframe or narrative report is not complete enough for this step
 * (HTTP 409): a form gets one message per field in the error summary, the
 * API a 409 with the problems listed.
 */
export default class NarrativeRefusalException extends DomainConflictException {
  static code = 'E_NARRATIVE_INCOMPLETE'

  constructor(readonly problems: NarrativeRefusal[]) {
    super(NarrativeRefusalException.render(problems, 'en'), { status: 409 })
  }

  static render(problems: NarrativeRefusal[], locale: string) {
    const i18n = i18nManager.locale(locale)
    return problems.map((p) => `${p.field}: ${i18n.t(`narrative.problems.${p.code}`)}`).join(' ')
  }

  async handle(error: this, ctx: HttpContext) {
    if ('session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      const locale = ctx.i18n?.locale ?? i18nManager.defaultLocale
      const i18n = i18nManager.locale(locale)
      ctx.session.flashExcept(['_csrf', '_method'])
      const byField: Record<string, string> = {}
      for (const p of error.problems) {
        const text = `${p.field}: ${i18n.t(`narrative.problems.${p.code}`)}`
        byField[p.field] = byField[p.field] ? `${byField[p.field]} ${text}` : text
      }
      ctx.session.flashErrors(byField)
      return ctx.response.redirect().back()
    }
    return ctx.response.status(409).send(error.message)
  }
}
