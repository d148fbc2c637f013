import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

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
 * `{"errors":[{code,message}]}`; a form is sent back with the message in
 * the user's language (`budget_changes.refusals.<code>`).
 */
export default class BudgetChangeRefusedException extends Exception {
  constructor(
    code: BudgetChangeRefusalCode,
    message: string,
    readonly params: Record<string, string | number> = {},
    status = 409
  ) {
    super(message, { code, status })
  }

  async handle(error: this, ctx: HttpContext) {
    if ('session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      const text = ctx.i18n
        ? ctx.i18n.t(`budget_changes.refusals.${error.code}`, error.params, error.message)
        : error.message
      ctx.session.flashExcept(['_csrf', '_method'])
      ctx.session.flash('error', text)
      return ctx.response.redirect().back()
    }
    return ctx.response
      .status(error.status)
      .send({ errors: [{ code: error.code, message: error.message }] })
  }
}
