/**
 * Segregation of duties on the payment path (DOMAIN-RULES §4.5 and §11):
 * four distinct people request a tranche (the grantee), verify it (a
 * finance officer), approve it (a grant manager) and record its payment (a
 * finance officer who neither verified nor approved it). Roles say who may
 * take a kind of step at all; this table says who may no longer take one
 * because they already took an earlier step of the same request.
 */
export const paymentDuties = ['request', 'verify', 'approve', 'record'] as const
export type PaymentDuty = (typeof paymentDuties)[number]

/** Who took the earlier steps of one payment request (null: not taken yet). */
export interface PaymentTrail {
  requestedById: number | null
  verifiedById: number | null
  approvedById: number | null
}

const takenBy: Record<Exclude<PaymentDuty, 'record'>, keyof PaymentTrail> = {
  request: 'requestedById',
  verify: 'verifiedById',
  approve: 'approvedById',
}

/** The duties a person must not have taken before taking `duty`. */
const excludes: Record<PaymentDuty, readonly Exclude<PaymentDuty, 'record'>[]> = {
  request: [],
  verify: ['request'],
  approve: ['request', 'verify'],
  record: ['request', 'verify', 'approve'],
}

/** A refused duty: `duty` cannot be taken by the person who took `earlier`. */
export interface DutyConflict {
  duty: PaymentDuty
  earlier: Exclude<PaymentDuty, 'record'>
}

/** The first earlier duty that `userId` took on this request and that rules out `duty`, if any. */
export function dutyConflict(
  trail: PaymentTrail,
  duty: PaymentDuty,
  userId: number
): DutyConflict | null {
  for (const earlier of excludes[duty]) {
    if (trail[takenBy[earlier]] === userId) return { duty, earlier }
  }
  return null
}

export function mayTakeDuty(trail: PaymentTrail, duty: PaymentDuty, userId: number) {
  return dutyConflict(trail, duty, userId) === null
}

/** The message key of a refusal, under the `duties` namespace. */
export function dutyConflictKey(conflict: DutyConflict) {
  return `duties.payment.${conflict.duty}_after_${conflict.earlier}`
}

/**
 * An expense report is approved by someone other than the people who
 * admitted its lines. `admittedByIds` are the deciders of the lines.
 */
export function mayApproveReport(admittedByIds: readonly (number | null)[], userId: number) {
  return !admittedByIds.includes(userId)
}
