import type { HttpContext } from '@adonisjs/core/http'
import { apiText } from '#services/request_locale'
import { nextTrancheOf } from '#domain/grants/grant_finances'
import { finalSettlement } from '#domain/grants/payment_schedule'
import { ProgrammeSettingsLookup } from '#services/programme_settings'
import { trancheCalculationValidator } from '#validators/tranche_calculation'

/** POST /api/v1/tranche-calculations: the payment schedule rules of DOMAIN-RULES §4, nothing stored. */
export default class TrancheCalculationsController {
  async store(ctx: HttpContext) {
    const { request, response } = ctx
    const input = await request.validateUsing(trancheCalculationValidator)
    if (input.funderCents > input.totalEligibleCents) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_VALIDATION_FUNDER_ABOVE_TEC',
            message: apiText(request, 'ux.api.funder_above_tec'),
            field: 'funderCents',
          },
        ],
      })
    }
    const contingencyCents = input.contingencyCents ?? 0
    if (contingencyCents > input.totalEligibleCents) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_VALIDATION_CONTINGENCY_ABOVE_TEC',
            message: apiText(request, 'ux.api.contingency_above_tec'),
            field: 'contingencyCents',
          },
        ],
      })
    }
    if (input.final) {
      return { final: finalSettlement(input) }
    }
    /* Without a cap in the body, the one of the programme settings in force today. */
    const settings = await ProgrammeSettingsLookup.forRequest(ctx).current()
    return {
      next: nextTrancheOf({
        paymentOption: input.paymentOption ?? 'option_2',
        funderCents: input.funderCents,
        totalEligibleCents: input.totalEligibleCents,
        contingencyCents,
        prefinancingCapBp: input.prefinancingCapBp ?? settings.prefinancingCapBp,
        forecastsCents: input.forecastsCents,
        payments: input.paidCents.map((amountCents, index) => ({
          kind: index === 0 ? 'initial_prefinancing' : 'further_prefinancing',
          amountCents,
        })),
        acceptedCostsCents: input.acceptedCostsCents,
        recoveredCents: 0,
      }),
    }
  }
}
