import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { apiText } from '#services/request_locale'
import { AnswerActionPoint } from '#actions/monitoring/answer_action_point'
import { CloseActionPoint } from '#actions/monitoring/close_action_point'
import { UpdateActionPoint } from '#actions/monitoring/update_action_point'
import MonitoringPolicy from '#policies/monitoring_policy'
import { visibleActionPoint } from '#queries/monitoring_access'
import { listActionPoints } from '#queries/monitoring_lists'
import { todayInKosovo } from '#services/clock'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'
import { actionPointJson, actionPointsCsv } from '#transformers/monitoring_transformer'
import { cleanQuery } from '#validators/task'
import {
  actionPointFiltersValidator,
  closeActionPointValidator,
  updateActionPointValidator,
} from '#validators/monitoring'
import { firstOfferedLocale } from '#services/programme_settings'

/** /api/v1/action-points: list, show, answer or change, close. */
export default class ActionPointsController {
  /** GET /api/v1/action-points (and .csv) */
  async index({ auth, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const filters = await request.validateUsing(actionPointFiltersValidator, {
      data: cleanQuery(request.qs()),
    })
    const today = todayInKosovo()
    const points = await listActionPoints(user, filters, today)
    if (request.url().endsWith('.csv')) {
      asDownload(response, `action-points-${today}.csv`, csvType)
      const i18n = i18nManager.locale(firstOfferedLocale([user.locale]))
      const { header, rows } = actionPointsCsv(points, i18n, today)
      return toCsv(header, rows)
    }
    return {
      data: points.map((point) => actionPointJson(point, today)),
      meta: { total: points.length, today },
    }
  }

  /** GET /api/v1/action-points/:id */
  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const { point } = await visibleActionPoint(user, params.id)
    await point.load('notes')
    return { data: actionPointJson(point, todayInKosovo()) }
  }

  /**
   * PATCH /api/v1/action-points/:id: the monitor changes the point (title,
   * due date, owner, a note, sending an answer back); the owner answers
   * with a note and nothing else.
   */
  @inject()
  async update(
    { auth, params, request, response, bouncer }: HttpContext,
    update: UpdateActionPoint,
    answer: AnswerActionPoint
  ) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const { point, visit, grant } = await visibleActionPoint(user, params.id)
    const data = await request.validateUsing(updateActionPointValidator)
    const policy = bouncer.with(MonitoringPolicy)
    if (await policy.allows('manage', point, visit, grant)) {
      await update.handle(point.id, data, user, request.ip())
    } else {
      await policy.authorize('answer', point)
      const { note, ...rest } = data
      if (!note || Object.keys(rest).length > 0) {
        return response.unprocessableEntity({
          errors: [
            {
              code: 'E_VALIDATION_ERROR',
              field: 'note',
              message: apiText(request, 'monitoring.errors.answer_with_note_only', {}, user.locale),
            },
          ],
        })
      }
      await answer.handle(point.id, note, user, request.ip())
    }
    const fresh = await visibleActionPoint(user, point.id)
    await fresh.point.load('notes')
    return { data: actionPointJson(fresh.point, todayInKosovo()) }
  }

  /** POST /api/v1/action-points/:id/close */
  @inject()
  async close({ auth, params, request, bouncer }: HttpContext, close: CloseActionPoint) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const { point, visit, grant } = await visibleActionPoint(user, params.id)
    await bouncer.with(MonitoringPolicy).authorize('manage', point, visit, grant)
    const data = await request.validateUsing(closeActionPointValidator)
    const closed = await close.handle(point.id, data.comment, user, request.ip())
    return { data: actionPointJson(closed, todayInKosovo()) }
  }
}
