import type { HttpContext } from '@adonisjs/core/http'
import {
  defaultPrefinancingCapBp,
  finalSettlement,
  nextTranche,
} from '#domain/grants/payment_schedule'
import { trancheCalculationValidator } from '#validators/tranche_calculation'

/** POST /api/v1/tranche-calculations: the payment schedule rules of DOMAIN-RULES §4, nothing stored. */
export default class TrancheCalculationsController {
  async store({ request, response }: HttpContext) {
    const input = await request.validateUsing(trancheCalculationValidator)
    if (input.funderCents > input.totalEligibleCents) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_VALIDATION_FUNDER_ABOVE_TEC',
            message: 'The funder contribution cannot exceed the total eligible costs',
            field: 'funderCents',
          },
        ],
      })
    }
    if (input.final) {
      return { final: finalSettlement(input) }
    }
    return {
      next: nextTranche({
        ...input,
        prefinancingCapBp: input.prefinancingCapBp ?? defaultPrefinancingCapBp,
      }),
    }
  }
}
