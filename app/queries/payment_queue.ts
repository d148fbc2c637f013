import type { PaymentDuty } from '#domain/grants/payment_duties'
import { mayTakeDuty } from '#domain/grants/payment_duties'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'

export interface QueuedPaymentRequest {
  request: PaymentRequest
  /** The step this person takes next. */
  step: Exclude<PaymentDuty, 'request'>
}

/** The funder's steps by role: the status a request waits in, and the step taken on it. */
const stepsOf = {
  finance_officer: { requested: 'verify', approved: 'record' },
  grant_manager: { verified: 'approve' },
} as const

/**
 * The payment requests of the funders `funderIds` that wait for `user` in
 * `role`: to verify or record the payment (finance officers), to approve
 * (grant managers). A request is left out for whoever took an earlier step
 * that excludes the next one (the verifier and the approver are never told
 * to pay).
 */
export async function paymentRequestsWaitingFor(
  user: User,
  role: keyof typeof stepsOf,
  funderIds: readonly number[]
): Promise<QueuedPaymentRequest[]> {
  if (funderIds.length === 0) return []
  const steps: Record<string, QueuedPaymentRequest['step']> = stepsOf[role]
  const requests = await PaymentRequest.query()
    .whereIn('status', Object.keys(steps))
    .whereHas('grant', (grant) => grant.whereIn('funder_organisation_id', [...funderIds]))
    .preload('grant')
    .orderBy('requested_at')
    .orderBy('id')
    .limit(100)
  return requests
    .map((request) => ({ request, step: steps[request.status] }))
    .filter(({ request, step }) => mayTakeDuty(request, step, user.id))
}
