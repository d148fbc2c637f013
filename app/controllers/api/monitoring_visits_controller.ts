import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { PlanMonitoringVisit } from '#actions/monitoring/plan_monitoring_visit'
import { RecordMonitoringVisit } from '#actions/monitoring/record_monitoring_visit'
import MonitoringPolicy from '#policies/monitoring_policy'
import { visibleGrant } from '#queries/grant_access'
import { visibleVisit } from '#queries/monitoring_access'
import { listVisits } from '#queries/monitoring_lists'
import { proposedVisits } from '#queries/monitoring_risk'
import { todayInKosovo } from '#services/clock'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'
import { visitJson, visitsCsv } from '#transformers/monitoring_transformer'
import { cleanQuery } from '#validators/task'
import {
  planVisitValidator,
  recordVisitValidator,
  visitFiltersValidator,
} from '#validators/monitoring'
import { firstOfferedLocale } from '#services/programme_settings'

/** /api/v1/monitoring-visits: list, proposals, show, plan and report visits. */
export default class MonitoringVisitsController {
  /** GET /api/v1/monitoring-visits (and .csv) */
  async index({ auth, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const filters = await request.validateUsing(visitFiltersValidator, {
      data: cleanQuery(request.qs()),
    })
    const visits = await listVisits(user, filters)
    if (request.url().endsWith('.csv')) {
      asDownload(response, `monitoring-visits-${todayInKosovo()}.csv`, csvType)
      const { header, rows } = visitsCsv(
        visits,
        i18nManager.locale(firstOfferedLocale([user.locale]))
      )
      return toCsv(header, rows)
    }
    return { data: visits.map(visitJson), meta: { total: visits.length } }
  }

  /** GET /api/v1/monitoring-visits/proposals: running grants by risk, without a planned visit. */
  async proposals({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const proposals = await proposedVisits(user, todayInKosovo())
    return {
      data: proposals.map(({ grant, risk }) => ({
        grantId: grant.id,
        grantReference: grant.reference,
        organisationId: grant.granteeOrganisationId,
        riskScore: risk.score,
        riskReasons: risk.reasons,
      })),
    }
  }

  /** GET /api/v1/monitoring-visits/:id */
  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const { visit } = await visibleVisit(user, params.id)
    await visit.load('checks')
    await visit.load('actionPoints')
    await visit.load('grant')
    return { data: visitJson(visit) }
  }

  /** POST /api/v1/monitoring-visits */
  @inject()
  async store({ auth, request, response, bouncer }: HttpContext, plan: PlanMonitoringVisit) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const data = await request.validateUsing(planVisitValidator)
    const grant = await visibleGrant(user, data.grantId)
    await bouncer.with(MonitoringPolicy).authorize('plan', grant, data.kind)
    const visit = await plan.handle(grant.id, data, user, request.ip())
    await visit.load('checks')
    return response.created({ data: visitJson(visit) })
  }

  /** POST /api/v1/monitoring-visits/:id/report */
  @inject()
  async record({ auth, params, request, bouncer }: HttpContext, record: RecordMonitoringVisit) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const { visit, grant } = await visibleVisit(user, params.id)
    await bouncer.with(MonitoringPolicy).authorize('record', visit, grant)
    const data = await request.validateUsing(recordVisitValidator)
    const result = await record.handle(
      visit.id,
      { ...data, actionPoints: data.actionPoints ?? [] },
      user,
      request.ip()
    )
    await result.visit.load('checks')
    await result.visit.load('actionPoints')
    return { data: visitJson(result.visit) }
  }
}
