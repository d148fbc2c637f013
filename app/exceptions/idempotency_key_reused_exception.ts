import TranslatedException from '#exceptions/translated_exception'

/**
 * An Idempotency-Key sent again with another request body, or for another
 * payment request (HTTP 422): the key names one request, never two.
 */
export default class IdempotencyKeyReusedException extends TranslatedException {
  static status = 422
  static code = 'E_IDEMPOTENCY_KEY_REUSED'

  constructor() {
    super('duties.idempotency.key_reused')
  }
}
