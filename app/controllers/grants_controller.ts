import { inject } from '@adonisjs/core'
import NarrativeReport from '#models/narrative_report'
import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { GrantContracts } from '#actions/grants/grant_contracts'
import { findVisibleApplication } from '#controllers/applications_controller'
import { budgetHeadings } from '#domain/budget/budget'
import { forecastsLocked } from '#domain/grants/planned_schedule'
import Application from '#models/application'
import BudgetChange from '#models/budget_change'
import { baselineAndCurrent } from '#actions/grants/budget_change_support'
import { contingencyOf } from '#actions/grants/contingency_release_support'
import FstpException from '#models/fstp_exception'
import { fstpRollup, grantFinances, ledgerTotals, scheduleOf } from '#queries/grant_finances'
import { visibleGrant } from '#queries/grant_access'
import { grantListQuery } from '#queries/grant_list'
import { forecastRows, paymentOptionWhy } from '#transformers/grant_schedule_transformer'
import { todayInKosovo } from '#services/clock'
import Call from '#models/call'
import Grant from '#models/grant'
import CallPolicy from '#policies/call_policy'
import GrantPolicy from '#policies/grant_policy'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'

const signatureValidator = vine.create({ side: vine.enum(['grantee', 'funder'] as const) })

/** Grants and sub-grants: prepared from awards, signed by both sides. */
export default class GrantsController {
  async index({ auth, view, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const status = request.input('status')
    const query = grantListQuery(user, status)
    if (request.input('format') === 'csv') {
      const grants = await query
      asDownload(response, 'grants.csv', csvType)
      return toCsv(
        [
          'reference',
          'grantee',
          'funder',
          'status',
          'currency',
          'total_eligible_cents',
          'funder_cents',
          'cofinancing_cents',
          'starts_on',
          'ends_on',
        ],
        grants.map((g) => [
          g.reference,
          g.grantee.name,
          g.funder.name,
          g.status,
          g.currency,
          g.totalEligibleCents,
          g.funderCents,
          g.cofinancingCents,
          g.startsOn.toISODate(),
          g.endsOn.toISODate(),
        ])
      )
    }
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const grants = await query.paginate(page, 50)
    return view.render('pages/grants/index', { grants, status: status ?? '' })
  }

  async show({ auth, params, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await grant.load((loader) =>
      loader.load('grantee').load('funder').load('parent').load('cofinancingSources')
    )
    const finances = await grantFinances(grant)
    const headings = budgetHeadings.map((heading) => ({
      heading,
      cents: finances.lines
        .filter((l) => l.heading === heading)
        .reduce((sum, l) => sum + l.totalCents, 0),
    }))
    const fstp = grant.isSubGrant ? null : await fstpRollup(grant, finances.lines)
    const subGrants =
      fstp && fstp.lineCents > 0
        ? await Grant.query().where('parent_grant_id', grant.id).preload('grantee').orderBy('id')
        : []
    const exceptions =
      fstp && fstp.lineCents > 0
        ? await FstpException.query()
            .where('parent_grant_id', grant.id)
            .preload('application', (q) => q.preload('organisation'))
            .orderBy('id', 'desc')
        : []
    const awardedApplications =
      fstp && fstp.lineCents > 0
        ? await Application.query()
            .whereHas('call', (call) => call.where('parent_grant_id', grant.id))
            .whereIn('status', ['awarded', 'provisionally_selected', 'reserve'])
            .preload('organisation')
            .orderBy('id')
        : []
    const paymentByRequest = new Map(finances.payments.map((p) => [p.paymentRequestId, p]))
    const schedule = scheduleOf(finances)
    const openRequest = finances.requests.find((r) => r.status !== 'paid') ?? null
    const today = todayInKosovo()
    const reportablePeriods = grant.periods.filter((period) => {
      if (period.startsOn > today) return false
      const report = finances.reports.find((r) => r.periodNumber === period.number)
      return !report || ['draft', 'returned'].includes(report.status)
    })
    return view.render('pages/grants/show', {
      grant,
      narrativeReports: await NarrativeReport.query().where('grant_id', grant.id),
      headings,
      finances,
      position: finances.position,
      schedule,
      ledger: await ledgerTotals(grant.id),
      fstp: fstp && fstp.lineCents > 0 ? fstp : null,
      subGrants,
      exceptions,
      awardedApplications,
      paymentByRequest,
      openRequest,
      reportablePeriods,
      finalReport: finances.reports.find((r) => r.kind === 'final') ?? null,
      today,
      budgetChanges: await BudgetChange.latestOf(grant.id),
      contingency: await contingencyOf(grant),
      accepted: finances.accepted,
      paymentOptionWhy: paymentOptionWhy(grant, (k, d) => i18n.t(k, d), i18n.locale),
      forecastsLocked: forecastsLocked(grant.status),
      forecastsEditable:
        !forecastsLocked(grant.status) ||
        user.hasRoleIn(grant.funderOrganisationId, 'grant_manager'),
      forecastRows: forecastRows(grant, finances),
      budgetBaseline: await baselineAndCurrent(grant),
    })
  }

  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    contracts: GrantContracts
  ) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(CallPolicy).authorize('manage', await Call.findOrFail(application.callId))
    const grant = await contracts.createFromAward(application.id, user, request.ip())
    session.flash('success', i18n.t('messages.grants.created', { reference: grant.reference }))
    return response.redirect().toPath(`/grants/${grant.id}`)
  }

  @inject()
  async sign(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    contracts: GrantContracts
  ) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    const { side } = await request.validateUsing(signatureValidator)
    await bouncer
      .with(GrantPolicy)
      .authorize(side === 'grantee' ? 'signForGrantee' : 'signForFunder', grant)
    await contracts.sign(grant.id, side, user, request.ip())
    session.flash('success', i18n.t('messages.grants.signed'))
    return response.redirect().toPath(`/grants/${grant.id}`)
  }
}
