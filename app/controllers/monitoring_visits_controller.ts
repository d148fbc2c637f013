import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { PlanMonitoringVisit } from '#actions/monitoring/plan_monitoring_visit'
import { RecordMonitoringVisit } from '#actions/monitoring/record_monitoring_visit'
import { visitKinds } from '#domain/monitoring/monitoring'
import Membership from '#models/membership'
import MonitoringPolicy from '#policies/monitoring_policy'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'
import { plansVisit, visibleVisit } from '#queries/monitoring_access'
import { visibleGrant } from '#queries/grant_access'
import { listActionPoints, listVisits } from '#queries/monitoring_lists'
import { proposedVisits } from '#queries/monitoring_risk'
import { todayInKosovo } from '#services/clock'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'
import { visitsCsv } from '#transformers/monitoring_transformer'
import { cleanQuery } from '#validators/task'
import {
  planVisitValidator,
  recordVisitValidator,
  visitFiltersValidator,
} from '#validators/monitoring'
import { recordFormData } from '#controllers/monitoring_form'

/** Monitoring visits on the web: the list with proposals, a grant's tab, a visit and its report. */
export default class MonitoringVisitsController {
  /** GET /monitoring-visits (and .csv) */
  async index({ auth, request, response, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const [error, filters] = await visitFiltersValidator.tryValidate(cleanQuery(request.qs()))
    const visits = await listVisits(user, error ? {} : filters)
    const today = todayInKosovo()
    if (request.url().endsWith('.csv')) {
      asDownload(response, `monitoring-visits-${today}.csv`, csvType)
      const { header, rows } = visitsCsv(visits, i18n)
      return toCsv(header, rows)
    }
    return view.render('pages/monitoring/index', {
      visits,
      proposals: await proposedVisits(user, today),
      filters: error ? {} : filters,
      kinds: visitKinds,
    })
  }

  /** GET /grants/:id/monitoring: the grant's visits and action points, and the planning form. */
  async grant({ auth, params, view, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(MonitoringPolicy).authorize('viewGrant', grant)
    const today = todayInKosovo()
    return view.render('pages/monitoring/grant', {
      grant,
      visits: await listVisits(user, { grantId: grant.id }),
      actionPoints: await listActionPoints(user, { grantId: grant.id }, today),
      plannable: visitKinds.filter((kind) => plansVisit(user, grant, kind)),
      today,
    })
  }

  /** POST /monitoring-visits */
  @inject()
  async store(
    { auth, request, response, session, bouncer, i18n }: HttpContext,
    plan: PlanMonitoringVisit
  ) {
    const user = auth.getUserOrFail()
    const data = await request.validateUsing(planVisitValidator)
    const grant = await visibleGrant(user, data.grantId)
    await bouncer.with(MonitoringPolicy).authorize('plan', grant, data.kind)
    const visit = await plan.handle(grant.id, data, user, request.ip())
    session.flash('success', i18n.t('monitoring.flash.planned'))
    return response.redirect().toPath(`/monitoring-visits/${visit.id}`)
  }

  /** GET /monitoring-visits/:id */
  async show({ auth, params, view, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const { visit, grant } = await visibleVisit(user, params.id)
    await visit.load('checks', (q) => q.preload('expenseLine'))
    await visit.load('actionPoints', (q) => q.preload('ownerOrganisation').preload('ownerUser'))
    await visit.load('lead')
    await visit.load('organisation')
    const canRecord =
      visit.status === 'planned' &&
      (await bouncer.with(MonitoringPolicy).allows('record', visit, grant))
    const owners = canRecord
      ? await Membership.query()
          .whereIn('organisation_id', [grant.granteeOrganisationId, grant.funderOrganisationId])
          .whereNot('role', 'assessor')
          .preload('user')
          .preload('organisation')
      : []
    const people = [...new Map(owners.map((m) => [`${m.userId}:${m.organisationId}`, m])).values()]
    const standards = Object.fromEntries(
      (visit.kind === 'inspection'
        ? await new MinimumStandardCatalogue().on(
            (visit.visitedOn ?? visit.plannedOn).toISODate() ?? undefined
          )
        : []
      ).map((s) => [s.code, s])
    )
    return view.render('pages/monitoring/show', {
      visit,
      standards,
      grant,
      canRecord,
      owners: people,
      today: todayInKosovo(),
    })
  }

  /** POST /monitoring-visits/:id/report */
  @inject()
  async record(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    record: RecordMonitoringVisit
  ) {
    const user = auth.getUserOrFail()
    const { visit, grant } = await visibleVisit(user, params.id)
    await bouncer.with(MonitoringPolicy).authorize('record', visit, grant)
    const data = await recordVisitValidator.validate(recordFormData(request.all()))
    await record.handle(
      visit.id,
      { ...data, actionPoints: data.actionPoints ?? [] },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('monitoring.flash.reported'))
    return response.redirect().toPath(`/monitoring-visits/${visit.id}`)
  }
}
