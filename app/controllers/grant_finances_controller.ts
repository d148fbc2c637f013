import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ExpenseReports } from '#actions/grants/expense_reports'
import { FstpExceptions } from '#actions/grants/fstp_exceptions'
import { GrantLifecycle } from '#actions/grants/grant_lifecycle'
import ExpenseReport from '#models/expense_report'
import FstpException from '#models/fstp_exception'
import RecoveryOrder from '#models/recovery_order'
import GrantPolicy from '#policies/grant_policy'
import { visibleGrant } from '#queries/grant_access'
import {
  fstpDecisionValidator,
  fstpExceptionValidator,
  grantTransitionValidator,
  recoverySettlementValidator,
  reportDecisionFormValidator,
  reportTotalsFormValidator,
} from '#validators/payment_request'

/**
 * The grant page's forms besides payment requests: expense report totals
 * and their verification, the funder's lifecycle decisions, recovery
 * orders and FSTP exceptions. Each redirects back to the grant.
 */
@inject()
export default class GrantFinancesController {
  constructor(
    private reports: ExpenseReports,
    private lifecycle: GrantLifecycle,
    private exceptions: FstpExceptions
  ) {}

  async submitReport({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('report', grant)
    const input = await request.validateUsing(reportTotalsFormValidator)
    await this.reports.submit(
      grant.id,
      { periodNumber: input.periodNumber, claimedCents: input.claimed, summary: input.summary },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.reports.submitted'))
    return response.redirect().toPath(`/grants/${grant.id}#reports`)
  }

  async decideReport({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const report = await ExpenseReport.findOrFail(Number(params.id) || 0)
    const grant = await visibleGrant(user, report.grantId)
    await bouncer.with(GrantPolicy).authorize('verifyReport', grant)
    const input = await request.validateUsing(reportDecisionFormValidator)
    await this.reports.decide(
      report.id,
      input.outcome === 'approve'
        ? { outcome: 'approve', admittedCents: input.admitted! }
        : { outcome: 'return', comment: input.comment! },
      user,
      request.ip()
    )
    session.flash(
      'success',
      i18n.t(`messages.reports.${input.outcome === 'approve' ? 'approved' : 'returned'}`)
    )
    return response.redirect().toPath(`/grants/${grant.id}#reports`)
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
