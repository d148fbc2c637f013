import type { HttpContext } from '@adonisjs/core/http'
import { computeBudget } from '#domain/budget/budget'
import { ProgrammeSettingsLookup } from '#services/programme_settings'
import { requestI18n } from '#services/request_locale'
import { ruleText } from '#services/rule_text'
import { budgetCheckValidator } from '#validators/budget'

/** POST /api/v1/budget-checks: the budget rules of DOMAIN-RULES §3 on any budget, nothing stored. */
export default class BudgetChecksController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(budgetCheckValidator)
    /* What is not given comes from the programme settings in force today. */
    const settings = await ProgrammeSettingsLookup.forRequest(ctx).current()
    const result = computeBudget(
      input.lines,
      {
        indirectCapBp: settings.indirectCapBp,
        contingencyCapBp: settings.contingencyCapBp,
        maxFunderShareBp: input.maxFunderShareBp ?? settings.maxFunderShareBp,
        maxPerThirdPartyCents: input.maxPerThirdPartyCents ?? settings.maxPerThirdPartyCents,
        cofinancingMinBp: settings.cofinancingMinBp,
        minGrantCents: input.minGrantCents ?? null,
        maxGrantCents: input.maxGrantCents ?? null,
      },
      input.requestedFunderCents ?? null,
      input.conceptNoteFunderCents ?? null
    )
    /* Each rule in words, in the language of Accept-Language, else the person's (ADR 0038). */
    const reader = requestI18n(ctx.request, ctx.auth.use('api').user?.locale)
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
      violations: result.violations.map(({ code, params, thirdParty }) => ({
        code,
        message: ruleText(code, params, reader, input.currency),
        ...(thirdParty ? { thirdParty } : {}),
      })),
    }
  }
}
