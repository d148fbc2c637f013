import type { HttpContext } from '@adonisjs/core/http'
import { primaryMarkFor } from '#domain/reports/disclosure'
import ProgressPackPolicy from '#policies/progress_pack_policy'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { asDownload } from '#services/downloads'
import { progressPackPdf } from '#services/pdf/progress_pack'
import {
  askedQuarter,
  packChart,
  packFor,
  packI18n,
  packMoney,
  packMoneyChart,
} from '#services/progress_pack_view'

/** The steering committee's progress pack for a quarter: a page and a PDF. */
export default class ProgressPacksController {
  /** GET /progress-pack?quarter=2026-Q4&locale=sq */
  async show(ctx: HttpContext) {
    const { auth, bouncer, request, view, session, response } = ctx
    await bouncer.with(ProgressPackPolicy).authorize('view')
    const quarter = askedQuarter(request.qs().quarter)
    const i18n = packI18n(ctx)
    if (!quarter) {
      session.flash('error', i18n.t('results.pack.bad_quarter'))
      return response.redirect().toPath('/progress-pack')
    }
    const pack = await packFor(quarter, auth.getUserOrFail(), { ip: request.ip(), outlet: 'page' })
    const chart = await packChart(pack, (key, data) => i18n.t(key, data))
    const moneyChart = await packMoneyChart(pack, (key, data) => i18n.t(key, data), i18n.locale)
    view.share({ i18n })
    const minimum = await publicationMinimumToday()
    return view.render('pages/results/progress_pack', {
      pack,
      minimum,
      primaryMark: primaryMarkFor(minimum),
      chart,
      moneyChart,
      money: (cents: number) => packMoney(cents, i18n.locale),
      locale: i18n.locale,
    })
  }

  /** GET /progress-pack.pdf?quarter=2026-Q4&locale=sr-Latn */
  async pdf(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(ProgressPackPolicy).authorize('view')
    const quarter = askedQuarter(request.qs().quarter)
    if (!quarter) return response.badRequest()
    const i18n = packI18n(ctx)
    const pack = await packFor(quarter, auth.getUserOrFail(), { ip: request.ip(), outlet: 'pdf' })
    const chart = await packChart(pack, (key, data) => i18n.t(key, data))
    const moneyChart = await packMoneyChart(pack, (key, data) => i18n.t(key, data), i18n.locale)
    const pdf = await progressPackPdf(
      pack,
      chart,
      { locale: i18n.locale, t: (key, data) => i18n.t(key, data) },
      await publicationMinimumToday(),
      moneyChart
    )
    asDownload(response, `progress-pack-${pack.quarter}.pdf`, 'application/pdf')
    return response.send(pdf)
  }
}
