import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AnswerActionPoint } from '#actions/monitoring/answer_action_point'
import { CloseActionPoint } from '#actions/monitoring/close_action_point'
import { UpdateActionPoint } from '#actions/monitoring/update_action_point'
import { actionPointStatuses } from '#domain/monitoring/monitoring'
import MonitoringPolicy from '#policies/monitoring_policy'
import { visibleActionPoint } from '#queries/monitoring_access'
import { listActionPoints } from '#queries/monitoring_lists'
import { todayInKosovo } from '#services/clock'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'
import { actionPointsCsv } from '#transformers/monitoring_transformer'
import { cleanQuery } from '#validators/task'
import {
  actionPointFiltersValidator,
  answerActionPointValidator,
  closeActionPointValidator,
  updateActionPointValidator,
} from '#validators/monitoring'

/** Action points on the web: the list, one point with its follow-up, answering, changing, closing. */
export default class ActionPointsController {
  /** GET /action-points (and .csv) */
  async index({ auth, request, response, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const [error, filters] = await actionPointFiltersValidator.tryValidate(cleanQuery(request.qs()))
    const today = todayInKosovo()
    const points = await listActionPoints(user, error ? {} : filters, today)
    if (request.url().endsWith('.csv')) {
      asDownload(response, `action-points-${today}.csv`, csvType)
      const { header, rows } = actionPointsCsv(points, i18n, today)
      return toCsv(header, rows)
    }
    return view.render('pages/monitoring/action_points', {
      points,
      filters: error ? {} : filters,
      statuses: actionPointStatuses,
      today,
    })
  }

  /** GET /action-points/:id */
  async show({ auth, params, view, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const { point, visit, grant } = await visibleActionPoint(user, params.id)
    await point.load('notes', (q) => q.preload('author'))
    await point.load('ownerOrganisation')
    await point.load('ownerUser')
    const policy = bouncer.with(MonitoringPolicy)
    return view.render('pages/monitoring/action_point', {
      point,
      visit,
      grant,
      canManage: point.status !== 'closed' && (await policy.allows('manage', point, visit, grant)),
      canAnswer: point.status !== 'closed' && (await policy.allows('answer', point)),
      today: todayInKosovo(),
    })
  }

  /** POST /action-points/:id/answer: the owner's follow-up. */
  @inject()
  async answer(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    answer: AnswerActionPoint
  ) {
    const user = auth.getUserOrFail()
    const { point } = await visibleActionPoint(user, params.id)
    await bouncer.with(MonitoringPolicy).authorize('answer', point)
    const data = await request.validateUsing(answerActionPointValidator)
    await answer.handle(point.id, data.note, user, request.ip())
    session.flash('success', i18n.t('monitoring.flash.answered'))
    return response.redirect().toPath(`/action-points/${point.id}`)
  }

  /** POST /action-points/:id/update: the monitor's change or note. */
  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    update: UpdateActionPoint
  ) {
    const user = auth.getUserOrFail()
    const { point, visit, grant } = await visibleActionPoint(user, params.id)
    await bouncer.with(MonitoringPolicy).authorize('manage', point, visit, grant)
    const data = await request.validateUsing(updateActionPointValidator, {
      data: cleanQuery(request.only(['dueOn', 'note', 'reopen'])),
    })
    await update.handle(point.id, data, user, request.ip())
    session.flash('success', i18n.t('monitoring.flash.updated'))
    return response.redirect().toPath(`/action-points/${point.id}`)
  }

  /** POST /action-points/:id/close */
  @inject()
  async close(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    close: CloseActionPoint
  ) {
    const user = auth.getUserOrFail()
    const { point, visit, grant } = await visibleActionPoint(user, params.id)
    await bouncer.with(MonitoringPolicy).authorize('manage', point, visit, grant)
    const data = await request.validateUsing(closeActionPointValidator)
    await close.handle(point.id, data.comment, user, request.ip())
    session.flash('success', i18n.t('monitoring.flash.closed'))
    return response.redirect().toPath(`/action-points/${point.id}`)
  }
}
