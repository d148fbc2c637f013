import type { BudgetHeading } from '#domain/budget/budget'
import { directHeadings } from '#domain/budget/budget'
import { toCents } from '#domain/money'

/**
 * Contingency releases (DOMAIN-RULES §3). The contingency reserve C of a
 * signed grant is spent only after a written request, approved by the
 * funder's grant manager, moves an amount from C to one of the headings
 * 1–6. Releases never change TEC, F or the contractual share; the sum of
 * approved releases never exceeds C. Integer cents, exact.
 */

export const contingencyReleaseStatuses = ['requested', 'approved', 'refused'] as const
export type ContingencyReleaseStatus = (typeof contingencyReleaseStatuses)[number]

/** A release moves money to one of the headings 1–6, never to indirect costs or back to C. */
export const releaseHeadings = directHeadings as readonly ReleaseHeading[]
export type ReleaseHeading = Exclude<BudgetHeading, 'indirect' | 'contingency'>

const next: Record<ContingencyReleaseStatus, readonly ContingencyReleaseStatus[]> = {
  requested: ['approved', 'refused'],
  approved: [],
  refused: [],
}

export function canMove(from: ContingencyReleaseStatus, to: ContingencyReleaseStatus) {
  return next[from].includes(to)
}

export interface ContingencyPosition {
  /** C: the contingency lines of the current budget. */
  reserveCents: number
  /** Σ approved releases. */
  releasedCents: number
  /** Σ releases still waiting for a decision. */
  pendingCents: number
  /** C − Σ approved releases (never negative when the rule held). */
  remainingCents: number
}

/** Where the reserve stands, from C and the releases of the grant. */
export function contingencyPosition(
  reserveCents: number,
  releases: readonly { status: ContingencyReleaseStatus; amountCents: number }[]
): ContingencyPosition {
  const reserve = nonNegative(reserveCents, 'contingency reserve')
  let released = 0n
  let pending = 0n
  releases.forEach((release, index) => {
    const amount = BigInt(nonNegative(release.amountCents, `amount of release ${index + 1}`))
    if (release.status === 'approved') released += amount
    else if (release.status === 'requested') pending += amount
  })
  return {
    reserveCents: reserve,
    releasedCents: toCents(released),
    pendingCents: toCents(pending),
    remainingCents: toCents(BigInt(reserve) - released),
  }
}

export type ReleaseCheck =
  | { ok: true }
  | { ok: false; code: 'NOT_POSITIVE' }
  | { ok: false; code: 'NO_RESERVE' }
  | { ok: false; code: 'OVER_REMAINING'; remainingCents: number }

/**
 * Whether `amountCents` can be released now: positive, and with the
 * approved releases at most the reserve (Σ approved + amount ≤ C).
 */
export function checkRelease(input: {
  reserveCents: number
  releasedCents: number
  amountCents: number
}): ReleaseCheck {
  const reserve = BigInt(nonNegative(input.reserveCents, 'contingency reserve'))
  const released = BigInt(nonNegative(input.releasedCents, 'released amount'))
  const amount = BigInt(toCents(input.amountCents))
  if (amount <= 0n) return { ok: false, code: 'NOT_POSITIVE' }
  if (reserve === 0n) return { ok: false, code: 'NO_RESERVE' }
  if (released + amount > reserve) {
    const remaining = reserve - released
    return {
      ok: false,
      code: 'OVER_REMAINING',
      remainingCents: toCents(remaining < 0n ? 0n : remaining),
    }
  }
  return { ok: true }
}

function nonNegative(value: number, what: string) {
  const cents = toCents(value)
  if (cents < 0) throw new RangeError(`The ${what} must not be negative: ${cents}`)
  return cents
}
