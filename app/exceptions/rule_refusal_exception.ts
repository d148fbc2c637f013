import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { type Currency, formatMoney } from '#domain/money'

/** One broken rule: a translation key in `call_rules`, its values, and the form field it concerns. */
export interface RuleRefusal {
  key: string
  field: string
  /** Amounts are passed as cents under a name ending in `Cents` and formatted in the reader's locale. */
  data: Record<string, string | number>
}

/**
 * A rule refuses the action (HTTP 409), with messages in the reader's
 * language that name the field: a form gets them flashed (as a whole and
 * beside each field), the API gets the English text with each field.
 */
export default class RuleRefusalException extends DomainConflictException {
  static code = 'E_RULE_REFUSED'

  constructor(
    readonly refusals: RuleRefusal[],
    readonly currency = 'EUR'
  ) {
    super(RuleRefusalException.render(refusals, 'en', currency), {}, { status: 409 })
  }

  static render(refusals: RuleRefusal[], locale: string, currency = 'EUR') {
    const i18n = i18nManager.locale(locale)
    return refusals
      .map((r) => i18n.t(`call_rules.${r.key}`, localised(r.data, locale, currency)))
      .join(' ')
  }

  async handle(error: this, ctx: HttpContext) {
    if ('session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      const locale = ctx.i18n?.locale ?? i18nManager.defaultLocale
      const i18n = i18nManager.locale(locale)
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'passwordConfirmation'])
      ctx.session.flash(
        'error',
        RuleRefusalException.render(error.refusals, locale, error.currency)
      )
      const byField: Record<string, string> = {}
      for (const r of error.refusals) {
        const text = i18n.t(`call_rules.${r.key}`, localised(r.data, locale, error.currency))
        byField[r.field] = byField[r.field] ? `${byField[r.field]} ${text}` : text
      }
      ctx.session.flashErrors(byField)
      return ctx.response.redirect().back()
    }
    return ctx.response.status(409).send(error.message)
  }
}

function localised(data: Record<string, string | number>, locale: string, currency: string) {
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => [
      name,
      name.endsWith('Cents') && typeof value === 'number'
        ? formatMoney(value, currency as Currency, locale)
        : value,
    ])
  )
}
