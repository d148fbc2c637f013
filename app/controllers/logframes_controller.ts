import type { HttpContext } from '@adonisjs/core/http'
import { DecideLogframeChange } from '#actions/narrative/decide_logframe_change'
import { RequestLogframeChange } from '#actions/narrative/request_logframe_change'
import { SaveApplicationLogframe } from '#actions/narrative/save_application_logframe'
import { findVisibleApplication } from '#controllers/applications_controller'
import {
  emptyLogframe,
  logframeDifferences,
  logframeLevels,
  logframeSubmissionGaps,
} from '#domain/narrative/logframe'
import Logframe from '#models/logframe'
import LogframeChange from '#models/logframe_change'
import LogframePolicy from '#policies/logframe_policy'
import { visibleGrant } from '#queries/grant_access'
import { grantLogframe, programmeIndicatorList } from '#queries/narrative_view'
import {
  logframeChangeValidator,
  logframeDecisionValidator,
  logframeReturnValidator,
  logframeValidator,
} from '#validators/logframe'

/** The logframe builder of a full application, and a grant's logframe with its change requests. */
export default class LogframesController {
  async editApplication({ auth, params, view }: HttpContext) {
    const application = await findVisibleApplication(auth.getUserOrFail(), params.id)
    const row = await Logframe.findBy('application_id', application.id)
    return view.render('pages/logframes/application', {
      application,
      logframe: row?.content ?? emptyLogframe(),
      logframeGaps: logframeSubmissionGaps(row?.content ?? null),
      version: row?.version ?? 0,
      levels: logframeLevels,
      programme: await programmeIndicatorList(),
      editable: application.status === 'shortlisted',
    })
  }

  async updateApplication({
    auth,
    params,
    request,
    response,
    session,
    bouncer,
    i18n,
  }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(LogframePolicy).authorize('editForApplication', application)
    const input = await request.validateUsing(logframeValidator, {
      data: withoutBlankRows(request.body()),
    })
    await new SaveApplicationLogframe().handle(application.id, input, user, request.ip())
    session.flash('success', i18n.t('narrative.logframe.saved'))
    return response.redirect().toPath(`/applications/${application.id}/logframe`)
  }

  async showGrant({ auth, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    const row = await grantLogframe(grant.id)
    const logframe = row?.content ?? emptyLogframe()
    const changes = await LogframeChange.query().where('grant_id', grant.id).orderBy('id', 'desc')
    return view.render('pages/logframes/grant', {
      grant,
      logframe,
      version: row?.version ?? 0,
      levels: logframeLevels,
      programme: await programmeIndicatorList(),
      changes: changes.map((change) => ({
        change,
        differences: logframeDifferences(
          change.status === 'approved' ? emptyLogframe() : logframe,
          change.content
        ),
      })),
      pending: changes.find((c) => c.status === 'submitted') ?? null,
    })
  }

  async requestChange({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(LogframePolicy).authorize('requestChange', grant)
    const input = await request.validateUsing(logframeChangeValidator, {
      data: withoutBlankRows(request.body()),
    })
    await new RequestLogframeChange().handle(grant.id, input, user, request.ip())
    session.flash('success', i18n.t('narrative.logframe.change_submitted'))
    return response.redirect().toPath(`/grants/${grant.id}/logframe`)
  }

  async approveChange(ctx: HttpContext) {
    return decide(ctx, 'approved')
  }

  async returnChange(ctx: HttpContext) {
    return decide(ctx, 'returned')
  }
}

async function decide(
  { auth, params, request, response, session, bouncer, i18n }: HttpContext,
  decision: 'approved' | 'returned'
) {
  const user = auth.getUserOrFail()
  const change = await LogframeChange.findOrFail(Number(params.id) || 0)
  const grant = await visibleGrant(user, change.grantId)
  await bouncer
    .with(LogframePolicy)
    .authorize(decision === 'approved' ? 'approveChange' : 'returnChange', grant, change)
  const { comment } =
    decision === 'approved'
      ? await request.validateUsing(logframeDecisionValidator)
      : await request.validateUsing(logframeReturnValidator)
  await new DecideLogframeChange().handle(change.id, decision, comment ?? null, user, request.ip())
  session.flash('success', i18n.t(`narrative.logframe.change_${decision}`))
  return response.redirect().toPath(`/grants/${grant.id}/logframe`)
}

/** Drops the form's spare rows that were left blank (a level or a checkbox alone is blank). */
export function withoutBlankRows(body: Record<string, unknown>) {
  const cleaned = { ...body }
  for (const group of ['items', 'indicators']) {
    const rows = cleaned[group]
    if (Array.isArray(rows)) {
      cleaned[group] = rows
        .filter(
          (row) =>
            row &&
            typeof row === 'object' &&
            Object.entries(row as Record<string, unknown>).some(
              ([key, value]) =>
                !['level', 'disaggregated'].includes(key) &&
                value !== null &&
                value !== undefined &&
                String(value).trim() !== ''
            )
        )
        .map((row) =>
          Object.fromEntries(
            Object.entries(row as Record<string, unknown>).filter(
              ([, value]) => !(typeof value === 'string' && value.trim() === '')
            )
          )
        )
    } else if (rows === undefined && group === 'items') {
      cleaned[group] = []
    }
  }
  return cleaned
}
