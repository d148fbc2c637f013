import type { HttpContext } from '@adonisjs/core/http'
import { SetLateCostAcceptance } from '#actions/budget_lines/set_late_cost_acceptance'
import GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import ExpenseReportPolicy from '#policies/expense_report_policy'
import { visibleGrant } from '#queries/grant_access'
import { lateCostAcceptanceValidator } from '#validators/expense_report'

/** The verifier's setting on a budget line: late final audit, evaluation and report costs accepted. */
export default class LateCostAcceptancesController {
  /** POST /grant-budget-lines/:id/late-cost-acceptance (`accepted`), back to the page. */
  async store({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const line = await this.set(auth.getUserOrFail(), params.id, { request, bouncer })
    session.flash(
      'success',
      i18n.t(line.lateCostsAccepted ? 'eligibility.late_costs_on' : 'eligibility.late_costs_off')
    )
    return response.redirect().back()
  }

  /** PUT /api/v1/grant-budget-lines/:id/late-cost-acceptance */
  async update({ auth, params, request, bouncer }: HttpContext) {
    const line = await this.set(auth.use('api').getUserOrFail(), params.id, { request, bouncer })
    return { data: { budgetLineId: line.id, lateCostsAccepted: line.lateCostsAccepted } }
  }

  private async set(
    user: User,
    id: unknown,
    { request, bouncer }: Pick<HttpContext, 'request' | 'bouncer'>
  ) {
    const budgetLine = await GrantBudgetLine.findOrFail(Number(id) || 0)
    const grant = await visibleGrant(user, budgetLine.grantId)
    await bouncer.with(ExpenseReportPolicy).authorize('acceptLateCosts', grant)
    const { accepted } = await request.validateUsing(lateCostAcceptanceValidator)
    return new SetLateCostAcceptance().handle(grant, budgetLine.id, accepted, user, request.ip())
  }
}
