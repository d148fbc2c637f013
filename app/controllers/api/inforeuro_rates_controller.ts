import type { HttpContext } from '@adonisjs/core/http'
import { apiText } from '#services/request_locale'
import { ImportInforEuroRates } from '#actions/inforeuro/import_inforeuro_rates'
import { inforEuroJson, uploadedCsv } from '#controllers/inforeuro_rates_controller'
import InforeuroRatePolicy from '#policies/inforeuro_rate_policy'
import { inforEuroRates } from '#queries/inforeuro_rates'
import { parseInforEuroCsv } from '#services/inforeuro_import'
import { inforEuroFilterValidator } from '#validators/inforeuro_rate'

/** The InforEuro table through the API. */
export default class InforeuroRatesController {
  /** GET /api/v1/inforeuro-rates?currency=RSD&month=2026-03 */
  async index({ request, bouncer }: HttpContext) {
    await bouncer.with(InforeuroRatePolicy).authorize('view')
    const filter = await inforEuroFilterValidator.validate(request.qs())
    const rates = await inforEuroRates(filter)
    return { data: rates.map(inforEuroJson) }
  }

  /**
   * POST /api/v1/inforeuro-rates/imports (multipart `file`): 201 with the
   * months replaced, or 422 with every error (line numbers) and nothing saved.
   */
  async import({ auth, request, response, bouncer }: HttpContext) {
    await bouncer.with(InforeuroRatePolicy).authorize('import')
    const bytes = await uploadedCsv(request)
    if (!bytes) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_VALIDATION_REQUIRED',
            message: apiText(request, 'ux.api.attach_csv'),
            field: 'file',
          },
        ],
      })
    }
    const parsed = parseInforEuroCsv(bytes)
    if (parsed.errors.length > 0) {
      return response.unprocessableEntity({
        errors: parsed.errors.map((error) => ({
          code: 'E_IMPORT_ROW',
          line: error.line,
          column: error.column,
          message: apiText(request, error.key, error.values),
        })),
      })
    }
    const done = await new ImportInforEuroRates().handle(
      parsed.rows,
      auth.use('api').getUserOrFail(),
      request.ip()
    )
    return response.created({ data: done })
  }
}
