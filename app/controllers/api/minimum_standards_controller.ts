import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { ScheduleMinimumStandards } from '#actions/settings/schedule_minimum_standards'
import type MinimumStandard from '#models/minimum_standard'
import { todayInKosovo } from '#services/clock'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'
import { standardsOnValidator, standardsVersionValidator } from '#validators/minimum_standard'

function standardJson(standard: MinimumStandard) {
  return {
    code: standard.code,
    title: { en: standard.titleEn, sq: standard.titleSq, sr: standard.titleSr },
    description: {
      en: standard.descriptionEn,
      sq: standard.descriptionSq,
      sr: standard.descriptionSr,
    },
    criteria: standard.criteria,
  }
}

/** The minimum standards catalogue by version (ADR 0027): read by everyone, versions added by admins. */
export default class ApiMinimumStandardsController {
  /** GET /api/v1/minimum-standards?on=YYYY-MM-DD */
  async index({ request }: HttpContext) {
    const { on = todayInKosovo() } = await standardsOnValidator.validate(request.qs())
    const catalogue = new MinimumStandardCatalogue()
    const standards = await catalogue.on(on)
    return {
      data: {
        on,
        effectiveFrom: standards[0]?.effectiveFromIso ?? null,
        standards: standards.map(standardJson),
        versions: await catalogue.versionDates(),
      },
    }
  }

  /** POST /api/v1/minimum-standards/versions */
  @inject()
  async storeVersion(
    { request, response, bouncer, auth }: HttpContext,
    schedule: ScheduleMinimumStandards
  ) {
    await bouncer.authorize('administer')
    const { effectiveFrom } = await request.validateUsing(standardsVersionValidator)
    const result = await schedule.handle(
      effectiveFrom,
      auth.use('api').getUserOrFail(),
      request.ip()
    )
    if (!result.ok) {
      const code = result.errors.effectiveFrom
      return response.unprocessableEntity({
        errors: [
          {
            code: `E_${code.toUpperCase()}`,
            message: i18nManager.locale('en').t(`settings2.standards.errors.${code}`),
            field: 'effectiveFrom',
          },
        ],
      })
    }
    const standards = await new MinimumStandardCatalogue().on(effectiveFrom)
    return response.created({
      data: { effectiveFrom, standards: standards.map(standardJson) },
    })
  }
}
