import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { randomUUID } from 'node:crypto'
import { PaymentRequests } from '#actions/grants/payment_requests'
import Payment from '#models/payment'
import PaymentRequestPolicy from '#policies/payment_request_policy'
import { visibleGrant, visiblePaymentRequest } from '#queries/grant_access'
import {
  paymentValidator,
  returnValidator,
  verificationFormValidator,
} from '#validators/payment_request'

/** The payment path in the browser: request, verify, approve, return, pay. */
@inject()
export default class PaymentRequestsController {
  constructor(private requests: PaymentRequests) {}

  async show({ auth, params, view }: HttpContext) {
    const { request, grant } = await visiblePaymentRequest(auth.getUserOrFail(), params.id)
    await request.load((loader) =>
      loader.load('requestedBy').load('verifiedBy').load('approvedBy').load('expenseReport')
    )
    await grant.load((loader) => loader.load('grantee').load('funder'))
    const payment = await Payment.findBy('payment_request_id', request.id)
    return view.render('pages/payment_requests/show', {
      request,
      grant,
      payment,
      idempotencyKey: randomUUID(),
      conditions: request.conditions ?? [],
    })
  }

  async store({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('request', grant)
    const created = await this.requests.request(grant.id, user, request.ip())
    session.flash('success', i18n.t('messages.payments.requested', { number: created.number }))
    return response.redirect().toPath(`/payment-requests/${created.id}`)
  }

  async verify({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('verify', found.grant, found.request)
    const input = await request.validateUsing(verificationFormValidator)
    await this.requests.verify(
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
    const { held } = await this.requests.approve(found.request.id, user, request.ip())
    if (held) session.flash('error', i18n.t('messages.payments.held_not_approved'))
    else session.flash('success', i18n.t('messages.payments.approved'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  async returnToGrantee({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('review', found.grant)
    const { comment } = await request.validateUsing(returnValidator)
    await this.requests.returnToGrantee(found.request.id, user, comment, request.ip())
    session.flash('success', i18n.t('messages.payments.returned'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  async resubmit({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('request', found.grant)
    await this.requests.resubmit(found.request.id, user, request.ip())
    session.flash('success', i18n.t('messages.payments.resubmitted'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }

  async recheck({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('review', found.grant)
    const rechecked = await this.requests.recheck(found.request.id, user, request.ip())
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
    await this.requests.pay(found.request.id, user, { ...input, idempotencyKey: key }, request.ip())
    session.flash('success', i18n.t('messages.payments.paid'))
    return response.redirect().toPath(`/payment-requests/${found.request.id}`)
  }
}
