import type { HttpContext } from '@adonisjs/core/http'
import { randomUUID } from 'node:crypto'
import { ApprovePaymentRequest } from '#actions/grants/approve_payment_request'
import { RecheckPaymentRequest } from '#actions/grants/recheck_payment_request'
import { RecordPayment } from '#actions/grants/record_payment'
import { RequestPayment } from '#actions/grants/request_payment'
import { ResubmitPaymentRequest } from '#actions/grants/resubmit_payment_request'
import { ReturnPaymentRequest } from '#actions/grants/return_payment_request'
import { VerifyPaymentRequest } from '#actions/grants/verify_payment_request'
import { dutyConflict, dutyConflictKey } from '#domain/grants/payment_duties'
import Payment from '#models/payment'
import User from '#models/user'
import PaymentRequestPolicy from '#policies/payment_request_policy'
import { visibleGrant, visiblePaymentRequest } from '#queries/grant_access'
import { paymentRequestsWaitingFor } from '#queries/payment_queue'
import {
  paymentValidator,
  returnValidator,
  verificationFormValidator,
} from '#validators/payment_request'

/** The payment path in the browser: request, verify, approve, return, pay. */
export default class PaymentRequestsController {
  /** The payment requests waiting for this finance officer (to verify or to pay) or grant manager (to approve). */
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const funders = (role: 'finance_officer' | 'grant_manager') =>
      user.memberships.filter((m) => m.role === role).map((m) => m.organisationId)
    const waiting = [
      ...(await paymentRequestsWaitingFor(user, 'finance_officer', funders('finance_officer'))),
      ...(await paymentRequestsWaitingFor(user, 'grant_manager', funders('grant_manager'))),
    ]
    return view.render('pages/payment_requests/index', { waiting })
  }

  async show({ auth, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const { request, grant } = await visiblePaymentRequest(user, params.id)
    await request.load((loader) =>
      loader.load('requestedBy').load('verifiedBy').load('approvedBy').load('expenseReport')
    )
    await grant.load((loader) => loader.load('grantee').load('funder'))
    const payment = await Payment.findBy('payment_request_id', request.id)
    const recordedBy = payment ? await User.find(payment.recordedById) : null
    return view.render('pages/payment_requests/show', {
      request,
      grant,
      payment,
      recordedBy,
      idempotencyKey: randomUUID(),
      conditions: request.conditions ?? [],
      // Segregation of duties: a step is offered only to someone who took no excluding step;
      // otherwise the page says why (the message key of the refusal).
      dutyRefusals: Object.fromEntries(
        (['verify', 'approve', 'record'] as const).map((duty) => {
          const conflict = dutyConflict(request, duty, user.id)
          return [duty, conflict ? dutyConflictKey(conflict) : null]
        })
      ),
    })
  }

  async store({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('request', grant)
    const created = await new RequestPayment().handle(grant.id, user, request.ip())
    session.flash('success', i18n.t('messages.payments.requested', { number: created.number }))
    return response.redirect().toPath(`/payment-requests/${created.id}`)
  }

  async verify({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('verify', found.grant, found.request)
    const input = await request.validateUsing(verificationFormValidator)
    await new VerifyPaymentRequest().handle(
      found.request.id,
      user,
      { amountCents: input.amount, reason: input.reason },
      request.ip()
    )
    session.flash('success', i18n.t('messages.payments.verified'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  async approve({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('approve', found.grant, found.request)
    const { held } = await new ApprovePaymentRequest().handle(found.request.id, user, request.ip())
    if (held) session.flash('error', i18n.t('messages.payments.held_not_approved'))
    else session.flash('success', i18n.t('messages.payments.approved'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  async returnToGrantee({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('review', found.grant)
    const { comment } = await request.validateUsing(returnValidator)
    await new ReturnPaymentRequest().handle(found.request.id, user, comment, request.ip())
    session.flash('success', i18n.t('messages.payments.returned'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  async resubmit({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('request', found.grant)
    await new ResubmitPaymentRequest().handle(found.request.id, user, request.ip())
    session.flash('success', i18n.t('messages.payments.resubmitted'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  async recheck({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('review', found.grant)
    const rechecked = await new RecheckPaymentRequest().handle(found.request.id, user, request.ip())
    session.flash(
      rechecked.heldReason ? 'error' : 'success',
      i18n.t(rechecked.heldReason ? 'messages.payments.still_held' : 'messages.payments.released')
    )
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  /** The form carries an idempotency key made when the page was shown, so a double submit pays once. */
  async pay({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('pay', found.grant)
    const input = await request.validateUsing(paymentValidator)
    const key = String(request.input('idempotencyKey', '')).slice(0, 120) || randomUUID()
    await new RecordPayment().handle(
      found.request.id,
      user,
      { ...input, idempotencyKey: key },
      request.ip()
    )
    session.flash('success', i18n.t('messages.payments.paid'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }
}
