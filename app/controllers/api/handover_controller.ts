import type { HttpContext } from '@adonisjs/core/http'
import { apiText } from '#services/request_locale'
import HandoverPolicy from '#policies/handover_policy'
import { HandoverPlan, visibleShelter } from '#queries/handover_plan'
import { todayInKosovo } from '#services/clock'
import { nationalPlanJson, shelterPlanJson } from '#transformers/handover_transformer'
import { handoverYearValidator } from '#validators/handover'

/** The handover plan through the API: the same figures as the pages. */
export default class HandoverController {
  /** GET /api/v1/handover/national?year=YYYY: programme staff only (403 otherwise). */
  async national({ auth, request, response, bouncer }: HttpContext) {
    auth.use('api').getUserOrFail()
    await bouncer.with(HandoverPolicy).authorize('viewNational')
    const { year: asked } = await request.validateUsing(handoverYearValidator, {
      data: request.qs(),
    })
    const plan = await HandoverPlan.load({ today: todayInKosovo() })
    if (asked !== undefined && !plan.years.includes(asked)) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_NOT_A_PLAN_YEAR',
            field: 'year',
            message: apiText(request, 'ux.api.plan_years', {
              first: plan.years[0],
              last: plan.years[plan.years.length - 1],
            }),
          },
        ],
      })
    }
    return { data: nationalPlanJson(plan, plan.yearOrDefault(asked)) }
  }

  /** GET /api/v1/handover/shelters/:id: every plan year of a shelter the user may see (404 otherwise). */
  async shelter({ auth, params }: HttpContext) {
    const shelter = await visibleShelter(auth.use('api').getUserOrFail(), params.id)
    const plan = await HandoverPlan.load({ today: todayInKosovo(), shelterIds: [shelter.id] })
    return { data: shelterPlanJson(plan, plan.shelters[0]) }
  }
}
