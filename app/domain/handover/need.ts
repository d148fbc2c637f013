import { divideRoundHalfUp, toCents } from '#domain/money'

/**
 * The need of a shelter in a plan year (DOMAIN-RULES §10, DOMAIN §8.2):
 * the annual cost of meeting the minimum standards. Computed from the
 * shelter's approved reports, or entered by the MLSW with a justification.
 * Integer cents and basis points only; the result is rounded once, at the
 * end, half up to the cent.
 */

/** Defaults of the handover plan, stored with each figure when it is set. */
export const handoverDefaults = {
  /** Expected occupancy: the Shelter Coalition's norm of 75 % (DOMAIN §8.2). */
  occupancyBp: 7500,
  daysInYear: 365,
} as const

export const needMethods = ['reports', 'entered'] as const
export type NeedMethod = (typeof needMethods)[number]

/** What the approved reports say: admitted costs and the occupied bed-days they paid for. */
export interface ReportBasis {
  admittedCents: number
  bedDays: number
  /** How many approved reports were read. */
  reports: number
}

/** The MLSW's choice for one shelter and year; null means the defaults (from reports, 75 %). */
export interface NeedEntry {
  method: NeedMethod
  occupancyBp: number
  /** The entered amount; only for `entered`. */
  amountCents: number | null
  justification: string | null
}

export interface Need {
  method: NeedMethod
  /** Null when it cannot be computed (no reports with bed-days) and nothing was entered. */
  amountCents: number | null
  /** The inputs, shown beside the figure. */
  beds: number
  occupancyBp: number
  daysInYear: number
  admittedCents: number
  bedDays: number
  reports: number
  /** Admitted cost per occupied bed-day, rounded to the cent (shown; the need uses the exact ratio). */
  costPerBedDayCents: number | null
  justification: string | null
}

function assertBasisPoints(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value < 0 || value > 10_000) {
    throw new RangeError(`${name} must be basis points between 0 and 10 000: ${value}`)
  }
}

/**
 * admitted cost per occupied bed-day × beds × days × occupancy, computed as
 * one exact fraction `admitted × beds × days × occupancyBp / (bedDays × 10 000)`
 * rounded half up; null without bed-days.
 */
export function needFromReports(
  basis: Pick<ReportBasis, 'admittedCents' | 'bedDays'>,
  beds: number,
  occupancyBp: number = handoverDefaults.occupancyBp,
  daysInYear: number = handoverDefaults.daysInYear
): number | null {
  const admitted = toCents(basis.admittedCents)
  if (admitted < 0) throw new RangeError(`Admitted costs must not be negative: ${admitted}`)
  if (!Number.isSafeInteger(basis.bedDays) || basis.bedDays < 0) {
    throw new RangeError(`Bed-days must be a non-negative integer: ${basis.bedDays}`)
  }
  if (!Number.isSafeInteger(beds) || beds <= 0) {
    throw new RangeError(`Beds must be a positive integer: ${beds}`)
  }
  assertBasisPoints(occupancyBp, 'Occupancy')
  if (basis.bedDays === 0) return null
  const numerator = BigInt(admitted) * BigInt(beds) * BigInt(daysInYear) * BigInt(occupancyBp)
  return toCents(divideRoundHalfUp(numerator, BigInt(basis.bedDays) * 10_000n))
}

/** The need of one shelter and year, with the method and every input. */
export function resolveNeed(entry: NeedEntry | null, basis: ReportBasis, beds: number): Need {
  const occupancyBp = entry?.occupancyBp ?? handoverDefaults.occupancyBp
  assertBasisPoints(occupancyBp, 'Occupancy')
  const costPerBedDayCents =
    basis.bedDays > 0
      ? toCents(divideRoundHalfUp(BigInt(toCents(basis.admittedCents)), BigInt(basis.bedDays)))
      : null
  const shared = {
    beds,
    occupancyBp,
    daysInYear: handoverDefaults.daysInYear,
    admittedCents: basis.admittedCents,
    bedDays: basis.bedDays,
    reports: basis.reports,
    costPerBedDayCents,
    justification: entry?.justification ?? null,
  }
  if (entry?.method === 'entered') {
    if (entry.amountCents === null || toCents(entry.amountCents) < 0) {
      throw new RangeError('An entered need must have a non-negative amount')
    }
    return { method: 'entered', amountCents: entry.amountCents, ...shared }
  }
  return {
    method: 'reports',
    amountCents: needFromReports(basis, beds, occupancyBp),
    ...shared,
  }
}
