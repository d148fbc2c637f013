import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import {
  ScheduleProgrammeSettings,
  type ScheduleSettingsResult,
} from '#actions/settings/schedule_programme_settings'
import { programmeLanguages } from '#domain/settings/programme_settings'
import ProgrammeSettingsVersion from '#models/programme_settings_version'
import { todayInKosovo } from '#services/clock'
import { ProgrammeSettingsLookup } from '#services/programme_settings'
import { programmeSettingsFormValidator } from '#validators/programme_settings'

/** Programme settings: the values in force, their history, and a new version from a date (admins). */
export default class ProgrammeSettingsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administer')
    const today = todayInKosovo()
    const versions = await ProgrammeSettingsVersion.query()
      .preload('createdBy')
      .orderBy('effective_from', 'desc')
    return ctx.view.render('pages/admin/settings/index', {
      today,
      current: await ProgrammeSettingsLookup.forRequest(ctx).current(),
      versions,
      languages: programmeLanguages,
    })
  }

  @inject()
  async store(ctx: HttpContext, schedule: ScheduleProgrammeSettings) {
    const { request, response, session, bouncer, auth, i18n } = ctx
    await bouncer.authorize('administer')
    const input = await request.validateUsing(programmeSettingsFormValidator)
    const result = await schedule.handle(input, auth.getUserOrFail(), request.ip())
    ProgrammeSettingsLookup.forRequest(ctx).forget()
    if (!result.ok) {
      session.flashAll()
      session.flashErrors(translatedErrors(result, i18n))
      return response.redirect().back()
    }
    session.flash(
      'success',
      i18n.t('settings.scheduled', { date: result.version.effectiveFromIso })
    )
    return response.redirect().toPath('/admin/settings')
  }
}

/** The action's error codes as sentences in the page's language, per field. */
export function translatedErrors(
  result: Extract<ScheduleSettingsResult, { ok: false }>,
  i18n: I18n
) {
  return Object.fromEntries(
    Object.entries(result.errors).map(([field, code]) => [field, i18n.t(`settings.errors.${code}`)])
  )
}
