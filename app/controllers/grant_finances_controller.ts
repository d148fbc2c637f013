import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { FstpExceptions } from '#actions/grants/fstp_exceptions'
import { GrantLifecycle } from '#actions/grants/grant_lifecycle'
import { SaveGrantForecasts } from '#actions/grants/save_grant_forecasts'
import FstpException from '#models/fstp_exception'
import RecoveryOrder from '#models/recovery_order'
import GrantPolicy from '#policies/grant_policy'
import { visibleGrant } from '#queries/grant_access'
import { grantFinances, scheduleOf } from '#queries/grant_finances'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'
import { forecastProblemMessage, scheduleCsvRows } from '#transformers/grant_schedule_transformer'
import { grantForecastsFormValidator } from '#validators/grant_forecast'
import {
  fstpDecisionValidator,
  fstpExceptionValidator,
  grantTransitionValidator,
  recoverySettlementValidator,
} from '#validators/payment_request'

/**
 * The grant page's forms besides payment requests and reports: the
 * funder's lifecycle decisions, recovery orders and FSTP exceptions. Each
 * redirects back to the grant.
 */
@inject()
export default class GrantFinancesController {
  constructor(
    private lifecycle: GrantLifecycle,
    private exceptions: FstpExceptions,
    private forecasts: SaveGrantForecasts
  ) {}

  /** The grantee's forecasts per period (the funder's grant manager after signature). */
  async saveForecasts({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('editForecasts', grant)
    const input = await request.validateUsing(grantForecastsFormValidator)
    const result = await this.forecasts.handle(
      grant.id,
      input.forecasts.map((f) => ({ periodNumber: f.periodNumber, forecastCents: f.amount })),
      user,
      request.ip()
    )
    if (!result.ok) {
      session.flashAll()
      session.flash(
        'error',
        result.problems
          .map((p) =>
            forecastProblemMessage(p, (k, d) => i18n.t(k, d), grant.currency, i18n.locale)
          )
          .join(' ')
      )
      return response.redirect().toPath(`/grants/${grant.id}#forecasts`)
    }
    session.flash('success', i18n.t('grant_forecasts.saved'))
    return response.redirect().toPath(`/grants/${grant.id}#forecasts`)
  }

  /** The payment schedule as CSV, the same cents as the grant page. */
  async scheduleCsv({ auth, params, response }: HttpContext) {
    const grant = await visibleGrant(auth.getUserOrFail(), params.id)
    const { header, rows } = scheduleCsvRows(grant, scheduleOf(await grantFinances(grant)))
    asDownload(response, `schedule-${grant.reference}.csv`, csvType)
    return toCsv(header, rows)
  }

  async transition({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('manage', grant)
    const input = await request.validateUsing(grantTransitionValidator)
    await this.lifecycle.transition(
      grant.id,
      input.transition,
      input.reason || null,
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.grants.status_changed'))
    return response.redirect().toPath(`/grants/${grant.id}`)
  }

  async issueRecovery({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('manage', grant)
    await this.lifecycle.issueRecovery(grant.id, user, request.ip())
    session.flash('success', i18n.t('messages.recoveries.issued'))
    return response.redirect().toPath(`/grants/${grant.id}#settlement`)
  }

  async settleRecovery({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const order = await RecoveryOrder.findOrFail(Number(params.id) || 0)
    const grant = await visibleGrant(user, order.grantId)
    await bouncer.with(GrantPolicy).authorize('settle', grant)
    const input = await request.validateUsing(recoverySettlementValidator)
    await this.lifecycle.settleRecovery(order.id, input, user, request.ip())
    session.flash('success', i18n.t('messages.recoveries.settled'))
    return response.redirect().toPath(`/grants/${grant.id}#settlement`)
  }

  async requestException({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('requestFstpException', grant)
    const input = await request.validateUsing(fstpExceptionValidator)
    await this.exceptions.request(
      grant.id,
      {
        applicationId: input.applicationId,
        amountCents: input.amount,
        justification: input.justification,
      },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.fstp.requested'))
    return response.redirect().toPath(`/grants/${grant.id}#fstp`)
  }

  async decideException({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const exception = await FstpException.findOrFail(Number(params.id) || 0)
    const grant = await visibleGrant(user, exception.parentGrantId)
    await bouncer.with(GrantPolicy).authorize('manage', grant)
    const input = await request.validateUsing(fstpDecisionValidator)
    await this.exceptions.decide(
      exception.id,
      input.outcome,
      input.comment || null,
      user,
      request.ip()
    )
    session.flash('success', i18n.t(`messages.fstp.${input.outcome}`))
    return response.redirect().toPath(`/grants/${grant.id}#fstp`)
  }
}
