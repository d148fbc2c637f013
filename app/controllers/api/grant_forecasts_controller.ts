import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { SaveGrantForecasts } from '#actions/grants/save_grant_forecasts'
import GrantPolicy from '#policies/grant_policy'
import { visibleGrant } from '#queries/grant_access'
import { grantFinances } from '#queries/grant_finances'
import {
  forecastProblemMessage,
  grantForecastsJson,
} from '#transformers/grant_schedule_transformer'
import { grantForecastsApiValidator } from '#validators/grant_forecast'

/** GET and PUT /api/v1/grants/:id/forecasts: the grantee's forecast per reporting period. */
@inject()
export default class GrantForecastsController {
  constructor(private saveForecasts: SaveGrantForecasts) {}

  async show({ auth, params, bouncer }: HttpContext) {
    const grant = await visibleGrant(auth.use('api').getUserOrFail(), params.id)
    await bouncer.with(GrantPolicy).authorize('viewForecasts', grant)
    return { data: grantForecastsJson(grant, await grantFinances(grant)) }
  }

  async update({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('editForecasts', grant)
    const input = await request.validateUsing(grantForecastsApiValidator)
    const result = await this.saveForecasts.handle(grant.id, input.forecasts, user, request.ip())
    if (!result.ok) {
      const i18n = i18nManager.locale(i18nManager.defaultLocale)
      return response.unprocessableEntity({
        errors: result.problems.map((problem) => ({
          code: `E_FORECASTS_${problem.code}`,
          field: 'forecasts',
          message: forecastProblemMessage(problem, (k, d) => i18n.t(k, d), grant.currency),
          details: problem,
        })),
      })
    }
    return { data: grantForecastsJson(grant, await grantFinances(grant)) }
  }
}
