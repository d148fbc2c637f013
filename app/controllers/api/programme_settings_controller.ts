import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { referenceKinds, referenceModel } from '#actions/settings/reference_items'
import type Municipality from '#models/municipality'
import ProgrammeSettingsVersion from '#models/programme_settings_version'
import type Service from '#models/service'
import { todayInKosovo } from '#services/clock'
import { ProgrammeSettingsLookup } from '#services/programme_settings'
import {
  programmeSettingsApiValidator,
  settingsDateValidator,
} from '#validators/programme_settings'

/** Programme settings and reference data through the API. */
export default class ProgrammeSettingsController {
  /** GET /api/v1/settings?date=YYYY-MM-DD: the values in force on the date (default today), and every version. */
  async show(ctx: HttpContext) {
    const { date } = await settingsDateValidator.validate(ctx.request.qs())
    const on = date ?? todayInKosovo()
    const versions = await ProgrammeSettingsVersion.query().orderBy('effective_from')
    return {
      data: {
        date: on,
        values: await ProgrammeSettingsLookup.forRequest(ctx).at(on),
        versions: versions.map((version) => ({
          id: version.id,
          effectiveFrom: version.effectiveFromIso,
          createdById: version.createdById,
          createdAt: version.createdAt.toUTC().toISO(),
        })),
      },
    }
  }

  /** PUT /api/v1/settings: a new version from `effectiveFrom` (today at the earliest). Admins. */
  @inject()
  async update(ctx: HttpContext, schedule: ScheduleProgrammeSettings) {
    const { request, response, bouncer, auth } = ctx
    await bouncer.authorize('administer')
    const input = await request.validateUsing(programmeSettingsApiValidator)
    const result = await schedule.handle(input, auth.use('api').getUserOrFail(), request.ip())
    ProgrammeSettingsLookup.forRequest(ctx).forget()
    if (!result.ok) {
      const i18n = i18nManager.locale('en')
      return response.unprocessableEntity({
        errors: Object.entries(result.errors).map(([field, code]) => ({
          code: `E_${String(code).toUpperCase()}`,
          message: i18n.t(`settings.errors.${code}`),
          field,
        })),
      })
    }
    response.status(result.replaced ? 200 : 201)
    return {
      data: {
        id: result.version.id,
        effectiveFrom: result.version.effectiveFromIso,
        values: result.version.values,
      },
    }
  }

  /** GET /api/v1/municipalities and /api/v1/services: the reference lists with their retirement dates. */
  async referenceList({ route }: HttpContext) {
    const kind = referenceKinds.find((k) => route?.pattern.endsWith(`/${k}`)) ?? 'municipalities'
    const items: (Municipality | Service)[] = await referenceModel(kind).query().orderBy('code')
    return {
      data: items.map((item) => ({
        code: item.code,
        nameEn: item.nameEn,
        nameSq: item.nameSq,
        nameSr: item.nameSr,
        retiredOn: item.retiredOn?.toISODate() ?? null,
      })),
    }
  }
}
