import type { HttpContext } from '@adonisjs/core/http'
import { computeBudget, defaultBudgetRules } from '#domain/budget/budget'
import { budgetCheckValidator } from '#validators/budget'

/** POST /api/v1/budget-checks: the budget rules of DOMAIN-RULES §3 on any budget, nothing stored. */
export default class BudgetChecksController {
  async store({ request }: HttpContext) {
    const input = await request.validateUsing(budgetCheckValidator)
    const result = computeBudget(
      input.lines,
      {
        ...defaultBudgetRules,
        maxFunderShareBp: input.maxFunderShareBp ?? defaultBudgetRules.maxFunderShareBp,
        maxPerThirdPartyCents:
          input.maxPerThirdPartyCents ?? defaultBudgetRules.maxPerThirdPartyCents,
        minGrantCents: input.minGrantCents ?? null,
        maxGrantCents: input.maxGrantCents ?? null,
      },
      input.requestedFunderCents ?? null,
      input.conceptNoteFunderCents ?? null
    )
    return {
      currency: input.currency,
      directCents: result.directCents,
      indirectCents: result.indirectCents,
      contingencyCents: result.contingencyCents,
      totalEligibleCents: result.totalEligibleCents,
      maxFunderCents: result.maxFunderCents,
      funderCents: result.funderCents,
      cofinancingCents: result.cofinancingCents,
      cofinancingShareBp: result.cofinancingShareBp,
      headings: result.headings,
      lineTotalsCents: result.lineTotalsCents,
      violations: result.violations.map(({ code, message, thirdParty }) => ({
        code,
        message,
        ...(thirdParty ? { thirdParty } : {}),
      })),
    }
  }
}
