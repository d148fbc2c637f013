import type { LicenceFacts, LicenceService } from '#domain/licences/licence'
import { addDays, isValidOn, stoppedOn } from '#domain/licences/licence'

/**
 * The licence-coverage rule used by every feature (calls, awards,
 * payments): does an organisation hold licences for `service` on every
 * day from `from` to `to`? Consecutive licences (a renewal starting the day
 * after the previous expiry) cover together.
 */
export const coverageCodes = [
  'NO_LICENCE',
  'SERVICE_NOT_COVERED',
  'EXPIRES_BEFORE_END',
  'SUSPENDED',
  'REVOKED',
  'EXPIRED',
] as const
export type CoverageCode = (typeof coverageCodes)[number]

export interface CoverageReason {
  code: CoverageCode
  /** The first day without cover. */
  date: string
  licenceId?: number
}

export interface Coverage {
  covered: boolean
  reasons: CoverageReason[]
  /** Licences that cover the service on some day of the period, in order. */
  licenceIds: number[]
  /** A renewal is pending for a licence that ends inside the period. */
  renewalPending: boolean
}

export function checkCoverage(
  licences: readonly LicenceFacts[],
  service: LicenceService,
  from: string,
  to: string
): Coverage {
  if (to < from) throw new RangeError(`The period ends (${to}) before it starts (${from})`)
  if (licences.length === 0) {
    return {
      covered: false,
      reasons: [{ code: 'NO_LICENCE', date: from }],
      licenceIds: [],
      renewalPending: false,
    }
  }
  const forService = licences.filter((licence) => licence.services.includes(service))
  if (forService.length === 0) {
    return {
      covered: false,
      reasons: [{ code: 'SERVICE_NOT_COVERED', date: from }],
      licenceIds: [],
      renewalPending: false,
    }
  }

  const used: number[] = []
  let day = from
  for (;;) {
    const valid = forService.filter((licence) => isValidOn(licence, day))
    if (valid.length === 0) {
      const reason = whyNotCovered(forService, day, day === from)
      const lastUsed = forService.find((licence) => licence.id === used[used.length - 1])
      return {
        covered: false,
        reasons: [reason],
        licenceIds: used,
        renewalPending:
          Boolean(lastUsed?.hasPendingRenewal) && reason.code === 'EXPIRES_BEFORE_END',
      }
    }
    const longest = valid.reduce((a, b) => (coverEnd(b, day) > coverEnd(a, day) ? b : a))
    if (!used.includes(longest.id)) used.push(longest.id)
    const end = coverEnd(longest, day)
    if (end >= to) return { covered: true, reasons: [], licenceIds: used, renewalPending: false }
    day = addDays(end, 1)
  }
}

/** The last day from `day` on that the licence stays valid without a break. */
function coverEnd(licence: LicenceFacts, day: string) {
  const stops = licence.decisions
    .filter((decision) => decision.kind !== 'reinstated' && decision.effectiveOn > day)
    .map((decision) => addDays(decision.effectiveOn, -1))
  return [licence.validUntil, ...stops].sort()[0]
}

function whyNotCovered(
  licences: readonly LicenceFacts[],
  day: string,
  atStart: boolean
): CoverageReason {
  for (const licence of licences) {
    if (licence.issuedOn <= day && day <= licence.validUntil) {
      const stopped = stoppedOn(licence, day)
      if (stopped === 'revoked') return { code: 'REVOKED', date: day, licenceId: licence.id }
      if (stopped === 'suspended') return { code: 'SUSPENDED', date: day, licenceId: licence.id }
    }
  }
  if (!atStart) return { code: 'EXPIRES_BEFORE_END', date: day }
  const expired = licences.filter((licence) => licence.validUntil < day)
  if (expired.length > 0)
    return { code: 'EXPIRED', date: day, licenceId: expired[expired.length - 1].id }
  return { code: 'NO_LICENCE', date: day }
}
