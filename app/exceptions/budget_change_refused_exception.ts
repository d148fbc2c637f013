import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import type { ConflictValue } from '#exceptions/domain_conflict_exception'
import { firstOfferedLocale } from '#services/programme_settings'

/** The codes of budget-change refusals, as the API sends them and the views translate them. */
export const budgetChangeRefusalCodes = [
  'E_CONTINGENCY_RELEASE_NEEDED',
  'E_FUNDER_BELOW_PAID',
  'E_UNKNOWN_LINE_KEY',
  'E_DUPLICATE_LINE_KEY',
  'E_ADDENDUM_PENDING',
  'E_SAME_BUDGET',
  'E_NO_ELIGIBLE_COSTS',
  'E_BUDGET_RULES',
  'E_ADDENDUM_NOTICE',
  'E_AFTER_GRANT_END',
  'E_GRANT_NOT_RUNNING',
  'E_NOT_PENDING',
  'E_OWN_PROPOSAL',
  'E_BUDGET_MOVED',
] as const
export type BudgetChangeRefusalCode = (typeof budgetChangeRefusalCodes)[number]

/**
 * A budget change a rule of DOMAIN-RULES §3/§5 forbids: 409 (422 for a
 * malformed line key) with a stable code. The API answers
 * `{"errors":[{code,message}]}` and a form is sent back, both with the
 * message in the reader's language (`budget_changes.refusals.<code>`; the
 * web session's language, else Accept-Language). The error's own message
 * is the English text.
 */
export default class BudgetChangeRefusedException extends Exception {
  constructor(
    code: BudgetChangeRefusalCode,
    message: string,
    readonly params: Record<string, ConflictValue> = {},
    status = 409
  ) {
    super(message, { code, status })
  }

  /** The refusal in the language of the request. */
  messageFor(ctx: HttpContext) {
    const locale =
      'i18n' in ctx && ctx.i18n ? ctx.i18n.locale : firstOfferedLocale(ctx.request.languages())
    const reader = i18nManager.locale(locale)
    const values = Object.fromEntries(
      Object.entries(this.params).map(([name, value]) => [
        name,
        typeof value === 'function' ? value(reader) : value,
      ])
    )
    return reader.t(`budget_changes.refusals.${this.code}`, values, this.message)
  }

  async handle(error: this, ctx: HttpContext) {
    const text = error.messageFor(ctx)
    if ('session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      ctx.session.flashExcept(['_csrf', '_method'])
      ctx.session.flash('error', text)
      return ctx.response.redirect().back()
    }
    return ctx.response.status(error.status).send({ errors: [{ code: error.code, message: text }] })
  }
}
