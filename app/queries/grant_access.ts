import Grant from '#models/grant'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'

/** A grant the person may see, or a 404. */
export function visibleGrant(user: User, id: unknown) {
  return Grant.query()
    .withScopes((s) => s.visibleTo(user))
    .where('id', Number(id) || 0)
    .firstOrFail()
}

/** A payment request of a grant the person may see, with that grant, or a 404. */
export async function visiblePaymentRequest(user: User, id: unknown) {
  const request = await PaymentRequest.query()
    .where('id', Number(id) || 0)
    .whereHas('grant', (grant) => grant.withScopes((s) => s.visibleTo(user)))
    .firstOrFail()
  const grant = await Grant.findOrFail(request.grantId)
  return { request, grant }
}
