import { DateTime } from 'luxon'

/**
 * MLSW licences (DOMAIN-RULES §7): levels, services, decisions and the
 * status derived from them. Dates are calendar dates as ISO strings
 * (`YYYY-MM-DD`); `today` is always passed in.
 */
export const licenceLevels = ['basic', 'secondary', 'higher'] as const
export type LicenceLevel = (typeof licenceLevels)[number]

/**
 * The services a fresh database starts with (migration 0180 seeds them).
 * What a licence or a call may name is the admin's reference data (the
 * `services` table, `LicenceServiceCatalogue`), not this list: services
 * are added and retired there from a date.
 */
export const licenceServices = [
  'residential_vot',
  'residential_dv',
  'counselling',
  'day_care',
  'reintegration',
] as const
/** A service code from the reference data. */
export type LicenceService = string

export const decisionKinds = ['suspended', 'revoked', 'reinstated'] as const
export type DecisionKind = (typeof decisionKinds)[number]

export const licenceStatuses = [
  'active',
  'expiring',
  'expired',
  'suspended',
  'revoked',
  'renewal_pending',
] as const
export type LicenceStatus = (typeof licenceStatuses)[number]

export interface LicenceDecisionFacts {
  kind: DecisionKind
  effectiveOn: string
}

export interface LicenceFacts {
  id: number
  number: string
  services: readonly LicenceService[]
  issuedOn: string
  validUntil: string
  decisions: readonly LicenceDecisionFacts[]
  /** A renewal was requested and not decided yet. */
  hasPendingRenewal: boolean
}

/** Licence defaults, stored as settings and overridable. */
export const licenceDefaults = {
  validityYears: 3,
  expiringWithinDays: 90,
  reminderDaysBefore: [90, 60, 30, 0] as readonly number[],
}

export function addDays(date: string, days: number) {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!
}

export function daysBetween(from: string, to: string) {
  return Math.round(
    DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days
  )
}

/** Valid until = issued + the validity period, the day before the anniversary. */
export function defaultValidUntil(issuedOn: string, years = licenceDefaults.validityYears) {
  return DateTime.fromISO(issuedOn, { zone: 'utc' }).plus({ years }).minus({ days: 1 }).toISODate()!
}

/**
 * Whether suspension or revocation stops the licence on `date`. Decisions
 * are applied in the order of their effective dates; a revocation is final.
 */
export function stoppedOn(
  licence: Pick<LicenceFacts, 'decisions'>,
  date: string
): 'suspended' | 'revoked' | null {
  let state: 'suspended' | 'revoked' | null = null
  const ordered = [...licence.decisions].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))
  for (const decision of ordered) {
    if (decision.effectiveOn > date) break
    if (decision.kind === 'revoked') return 'revoked'
    state = decision.kind === 'suspended' ? 'suspended' : null
  }
  return state
}

/** The status a person sees on `today`. */
export function licenceStatus(
  licence: LicenceFacts,
  today: string,
  expiringWithinDays = licenceDefaults.expiringWithinDays
): LicenceStatus {
  const stopped = stoppedOn(licence, today)
  if (stopped) return stopped
  const expired = licence.validUntil < today
  const expiring = !expired && daysBetween(today, licence.validUntil) <= expiringWithinDays
  if ((expired || expiring) && licence.hasPendingRenewal) return 'renewal_pending'
  if (expired) return 'expired'
  if (licence.issuedOn > today) return 'active'
  return expiring ? 'expiring' : 'active'
}

/** Valid on `date`: issued, not expired, neither suspended nor revoked. */
export function isValidOn(licence: LicenceFacts, date: string) {
  return licence.issuedOn <= date && date <= licence.validUntil && stoppedOn(licence, date) === null
}
