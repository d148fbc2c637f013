import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ScheduleMinimumStandards } from '#actions/settings/schedule_minimum_standards'
import { todayInKosovo } from '#services/clock'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'
import { standardsVersionValidator } from '#validators/minimum_standard'

/**
 * Versions of the minimum standards catalogue (admins): the list, and a
 * new version from a date, copied from the one in force then and edited
 * standard by standard on /minimum-standards.
 */
export default class MinimumStandardVersionsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const today = todayInKosovo()
    const catalogue = new MinimumStandardCatalogue()
    const dates = await catalogue.versionDates()
    const standards = await catalogue.on(today)
    const inForce = standards[0]?.effectiveFromIso ?? null
    return view.render('pages/admin/minimum_standards/index', {
      today,
      versions: [...dates].reverse().map((date) => ({
        date,
        inForce: date === inForce,
        upcoming: date > today,
      })),
    })
  }

  @inject()
  async store(
    { request, response, session, bouncer, auth, i18n }: HttpContext,
    schedule: ScheduleMinimumStandards
  ) {
    await bouncer.authorize('administer')
    const { effectiveFrom } = await request.validateUsing(standardsVersionValidator)
    const result = await schedule.handle(effectiveFrom, auth.getUserOrFail(), request.ip())
    if (!result.ok) {
      session.flashAll()
      session.flashErrors({
        effectiveFrom: i18n.t(`settings2.standards.errors.${result.errors.effectiveFrom}`),
      })
      return response.redirect().back()
    }
    session.flash('success', i18n.t('settings2.standards.scheduled', { date: effectiveFrom }))
    return response.redirect().toPath(`/minimum-standards?on=${effectiveFrom}`)
  }
}
