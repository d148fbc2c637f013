import type { HttpContext } from '@adonisjs/core/http'
import { apiText, requestI18n } from '#services/request_locale'
import { heldReasonInWords } from '#transformers/task_transformer'
import { ApprovePaymentRequest } from '#actions/grants/approve_payment_request'
import { RecordPayment } from '#actions/grants/record_payment'
import { RequestPayment } from '#actions/grants/request_payment'
import { ReturnPaymentRequest } from '#actions/grants/return_payment_request'
import { VerifyPaymentRequest } from '#actions/grants/verify_payment_request'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import PaymentRequestPolicy from '#policies/payment_request_policy'
import { visibleGrant, visiblePaymentRequest } from '#queries/grant_access'
import { paymentJson, paymentRequestJson } from '#transformers/grant_transformer'
import {
  idempotencyKeyValidator,
  paymentValidator,
  returnValidator,
  verificationApiValidator,
} from '#validators/payment_request'

/**
 * The payment path through the API: four distinct people request, verify,
 * approve and record the payment (409 E_SEGREGATION_OF_DUTIES otherwise).
 */
export default class PaymentRequestsController {
  /** POST /api/v1/grants/:id/payment-requests */
  async store({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('request', grant)
    const created = await new RequestPayment().handle(grant.id, user, request.ip())
    return response.created({ data: paymentRequestJson(created, null) })
  }

  /** GET /api/v1/payment-requests/:id */
  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { request } = await visiblePaymentRequest(user, params.id)
    return { data: await this.json(request.id) }
  }

  /** POST /api/v1/payment-requests/:id/verification */
  async verify({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('verify', found.grant, found.request)
    const input = await request.validateUsing(verificationApiValidator)
    await new VerifyPaymentRequest().handle(
      found.request.id,
      user,
      { amountCents: input.amountCents, reason: input.reason },
      request.ip()
    )
    return { data: await this.json(found.request.id) }
  }

  /** POST /api/v1/payment-requests/:id/approval: 409 when a condition holds the tranche. */
  async approve({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('approve', found.grant, found.request)
    const { held } = await new ApprovePaymentRequest().handle(found.request.id, user, request.ip())
    if (held) {
      return response.conflict({
        errors: [
          {
            code: 'E_TRANCHE_HELD',
            message: apiText(
              request,
              'ux.conflicts.tranche_held',
              {
                reason: heldReasonInWords(held, requestI18n(request, user.locale)),
              },
              user.locale
            ),
          },
        ],
      })
    }
    return { data: await this.json(found.request.id) }
  }

  /** POST /api/v1/payment-requests/:id/return */
  async returnToGrantee({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('review', found.grant)
    const { comment } = await request.validateUsing(returnValidator)
    await new ReturnPaymentRequest().handle(found.request.id, user, comment, request.ip())
    return { data: await this.json(found.request.id) }
  }

  /**
   * POST /api/v1/payment-requests/:id/payments with an Idempotency-Key
   * header: 201 the first time, 200 with the same payment for the same key
   * and body, 422 E_IDEMPOTENCY_KEY_REUSED for the same key with another
   * body, 409 for any other attempt (and for a person who took an earlier step).
   */
  async pay({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const found = await visiblePaymentRequest(user, params.id)
    await bouncer.with(PaymentRequestPolicy).authorize('pay', found.grant)
    const { key } = await request.validateUsing(idempotencyKeyValidator, {
      data: { key: request.header('idempotency-key') ?? '' },
    })
    const input = await request.validateUsing(paymentValidator)
    const { payment, replayed } = await new RecordPayment().handle(
      found.request.id,
      user,
      { ...input, idempotencyKey: key },
      request.ip()
    )
    return response.status(replayed ? 200 : 201).send({ data: paymentJson(payment) })
  }

  private async json(id: number) {
    const request = await PaymentRequest.findOrFail(id)
    const payment = await Payment.findBy('payment_request_id', id)
    return paymentRequestJson(request, payment)
  }
}
