import type { HttpContext } from '@adonisjs/core/http'
import { parseQuarter } from '#domain/results/quarter'
import ProgressPackPolicy from '#policies/progress_pack_policy'
import { packFor } from '#services/progress_pack_view'
import { apiText } from '#services/request_locale'

/** The steering committee's progress pack as JSON: amounts in cents, counts as the caller may see them. */
export default class ProgressPacksController {
  /** GET /api/v1/progress-packs/:quarter */
  async show({ auth, bouncer, params, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await bouncer.with(ProgressPackPolicy).authorize('view')
    const quarter = parseQuarter(String(params.quarter))
    if (!quarter) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_VALIDATION_ERROR',
            field: 'quarter',
            message: apiText(request, 'results.errors.quarter_format', {}, user.locale),
          },
        ],
      })
    }
    return { data: await packFor(quarter, user, { ip: request.ip(), outlet: 'api' }) }
  }
}
