import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { FstpExceptions } from '#actions/grants/fstp_exceptions'
import { GrantLifecycle } from '#actions/grants/grant_lifecycle'
import FstpException from '#models/fstp_exception'
import RecoveryOrder from '#models/recovery_order'
import GrantPolicy from '#policies/grant_policy'
import { visibleGrant } from '#queries/grant_access'
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
    private exceptions: FstpExceptions
  ) {}

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
