import type { HttpContext } from '@adonisjs/core/http'
import { LicensingOverview } from '#queries/licensing_overview'
import { todayInKosovo } from '#services/clock'

/** The MLSW licensing dashboard. */
export default class LicensingDashboardController {
  async show({ view, bouncer, i18n }: HttpContext) {
    await bouncer.authorize('readLicensing')
    const today = todayInKosovo()
    const overview = await new LicensingOverview(today, i18n.locale).load()
    const maxBeds = Math.max(1, ...overview.capacity.map((c) => c.beds))
    return view.render('pages/licensing/dashboard', { ...overview, today, maxBeds })
  }
}
