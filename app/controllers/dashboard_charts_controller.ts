import type { HttpContext } from '@adonisjs/core/http'
import { hasRole } from '#domain/roles'
import { DashboardFigures } from '#queries/dashboard_figures'
import { HandoverPlan } from '#queries/handover_plan'
import { todayInKosovo } from '#services/clock'
import { countBarsSvg, cumulativeLinesSvg } from '#services/dashboard_charts'
import { chartLabels, planChart } from '#services/handover_chart'

/**
 * GET /dashboard/charts: the figures of each role, drawn on the server
 * with a table of the same numbers under each chart. The funder's grant
 * managers and finance officers see their own funders' grants; MLSW
 * officials see licences, every report and the handover plan.
 */
export default class DashboardChartsController {
  async show({ auth, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const today = todayInKosovo()
    const figures = new DashboardFigures(user, today)
    const memberships = await user.loadMemberships()
    const funderIds = await figures.funderIds()
    const mlsw = hasRole(memberships, 'mlsw_official')
    const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params)

    let disbursement = null
    if (funderIds.length > 0) {
      const rows = await figures.disbursement(funderIds)
      const planned = t('inbox.charts.planned')
      const paid = t('inbox.charts.disbursed')
      disbursement = {
        rows,
        svg:
          rows.length === 0
            ? null
            : await cumulativeLinesSvg(
                rows.flatMap((r) => [
                  { year: r.year, series: planned, amountCents: r.plannedCents },
                  { year: r.year, series: paid, amountCents: r.paidCents },
                ]),
                {
                  title: t('inbox.charts.disbursement_title'),
                  desc: t('inbox.charts.disbursement_desc'),
                  year: t('inbox.charts.year'),
                  amount: t('inbox.charts.amount'),
                }
              ),
      }
    }

    let reports = null
    if (funderIds.length > 0 || mlsw) {
      const rows = await figures.reportsByStatus(mlsw ? null : funderIds)
      reports = {
        rows,
        svg: await countBarsSvg(
          rows.map((r) => ({ label: t(`messages.report_statuses.${r.status}`), count: r.count })),
          {
            title: t('inbox.charts.reports_title'),
            desc: t('inbox.charts.reports_desc'),
            count: t('inbox.charts.count'),
          }
        ),
      }
    }

    let licences = null
    let handover = null
    if (mlsw) {
      const found = await figures.licences()
      licences = {
        ...found,
        statusSvg: await countBarsSvg(
          found.byStatus.map((r) => ({
            label: t(`messages.licence_statuses.${r.status}`),
            count: r.count,
          })),
          {
            title: t('inbox.charts.licences_title'),
            desc: t('inbox.charts.licences_desc'),
            count: t('inbox.charts.count'),
          }
        ),
        expirySvg: await countBarsSvg(
          found.expiry.map((r) => ({ label: t(`inbox.charts.bands.${r.band}`), count: r.count })),
          {
            title: t('inbox.charts.expiry_title'),
            desc: t('inbox.charts.expiry_desc'),
            count: t('inbox.charts.count'),
          }
        ),
      }
      const plan = await HandoverPlan.load({ today })
      handover = { svg: await planChart(plan, chartLabels(i18n)), series: plan.nationalSeries() }
    }

    return view.render('pages/dashboard/charts', { disbursement, reports, licences, handover })
  }
}
