import { divideRoundHalfUp, toCents } from '#domain/money'

/**
 * The need of a shelter in a plan year (DOMAIN-RULES §10, DOMAIN §8.2):
 * the annual cost of running it to the minimum standards. From reports, it
 * is the shelter's total operating cost from all sources (declared with
 * its expense reports and verified) per occupied bed-day × beds × 365 ×
 * occupancy; never the sub-grant's admitted costs alone, which pay for a
 * part of the shelter only. Without a verified operating cost, the MLSW's
 * entered norm (with its justification) is used. Integer cents and basis
 * points only; the result is rounded once, at the end, half up to the cent.
 */

/** Defaults of the handover plan, stored with each figure when it is set. */
export const handoverDefaults = {
  /** Expected occupancy: the Shelter Coalition's norm of 75 % (DOMAIN §8.2). */
  occupancyBp: 7500,
  daysInYear: 365,
} as const

/**
 * The programme settings of the plan year (DOMAIN-RULES §10): the occupancy
 * used when the MLSW set none, and the MLSW's annual cost norm per bed, used
 * (× beds) when there is neither a verified operating cost nor an entered
 * norm; null for none.
 */
export interface NeedDefaults {
  occupancyBp: number
  bedYearNormCents: number | null
}

export const needMethods = ['reports', 'entered'] as const
export type NeedMethod = (typeof needMethods)[number]

/**
 * What the approved reports say: the verified total operating cost (all
 * sources) of the reports that declared one, and the occupied bed-days of
 * those same reports.
 */
export interface ReportBasis {
  operatingCostCents: number
  bedDays: number
  /** How many approved reports with a verified operating cost and bed-days were read. */
  reports: number
}

/**
 * The MLSW's choice for one shelter and year; null means the defaults
 * (from reports, 75 %). With `reports`, an amount is the norm used while
 * no verified operating cost exists.
 */
export interface NeedEntry {
  method: NeedMethod
  occupancyBp: number
  /** The entered amount (`entered`), or the fallback norm (`reports`). */
  amountCents: number | null
  justification: string | null
}

export interface Need {
  /** How the figure was found: from the verified operating cost, or the entered norm. */
  method: NeedMethod
  /** The MLSW asked for reports but no verified operating cost exists (the norm, or nothing, is used). */
  withoutVerifiedCost: boolean
  /** Null when it cannot be computed and no norm was entered. */
  amountCents: number | null
  /** The inputs, shown beside the figure. */
  beds: number
  occupancyBp: number
  daysInYear: number
  operatingCostCents: number
  bedDays: number
  reports: number
  /** Operating cost per occupied bed-day, rounded to the cent (shown; the need uses the exact ratio). */
  costPerBedDayCents: number | null
  justification: string | null
}

function assertBasisPoints(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value < 0 || value > 10_000) {
    throw new RangeError(`${name} must be basis points between 0 and 10 000: ${value}`)
  }
}

/**
 * (verified operating cost / occupied bed-days) × beds × days × occupancy,
 * computed as one exact fraction
 * `cost × beds × days × occupancyBp / (bedDays × 10 000)` rounded half up
 * once; null without bed-days.
 */
export function needFromReports(
  basis: Pick<ReportBasis, 'operatingCostCents' | 'bedDays'>,
  beds: number,
  occupancyBp: number = handoverDefaults.occupancyBp,
  daysInYear: number = handoverDefaults.daysInYear
): number | null {
  const cost = toCents(basis.operatingCostCents)
  if (cost < 0) throw new RangeError(`The operating cost must not be negative: ${cost}`)
  if (!Number.isSafeInteger(basis.bedDays) || basis.bedDays < 0) {
    throw new RangeError(`Bed-days must be a non-negative integer: ${basis.bedDays}`)
  }
  if (!Number.isSafeInteger(beds) || beds <= 0) {
    throw new RangeError(`Beds must be a positive integer: ${beds}`)
  }
  assertBasisPoints(occupancyBp, 'Occupancy')
  if (basis.bedDays === 0) return null
  const numerator = BigInt(cost) * BigInt(beds) * BigInt(daysInYear) * BigInt(occupancyBp)
  return toCents(divideRoundHalfUp(numerator, BigInt(basis.bedDays) * 10_000n))
}

/**
 * The need of one shelter and year, with the method and every input: an
 * entered need when the MLSW chose it; else from the verified operating
 * cost; else the norm the MLSW entered for that case; else unknown.
 */
export function resolveNeed(
  entry: NeedEntry | null,
  basis: ReportBasis,
  beds: number,
  defaults: NeedDefaults = { occupancyBp: handoverDefaults.occupancyBp, bedYearNormCents: null }
): Need {
  const occupancyBp = entry?.occupancyBp ?? defaults.occupancyBp
  assertBasisPoints(occupancyBp, 'Occupancy')
  const verified = basis.reports > 0 && basis.bedDays > 0
  const costPerBedDayCents = verified
    ? toCents(divideRoundHalfUp(BigInt(toCents(basis.operatingCostCents)), BigInt(basis.bedDays)))
    : null
  const shared = {
    beds,
    occupancyBp,
    daysInYear: handoverDefaults.daysInYear,
    operatingCostCents: verified ? basis.operatingCostCents : 0,
    bedDays: verified ? basis.bedDays : 0,
    reports: verified ? basis.reports : 0,
    costPerBedDayCents,
    justification: entry?.justification ?? null,
  }
  const norm = entry?.amountCents ?? null
  if (norm !== null && toCents(norm) < 0) {
    throw new RangeError('An entered need must have a non-negative amount')
  }
  if (entry?.method === 'entered') {
    if (norm === null) throw new RangeError('An entered need must have a non-negative amount')
    return { method: 'entered', withoutVerifiedCost: false, amountCents: norm, ...shared }
  }
  if (verified) {
    return {
      method: 'reports',
      withoutVerifiedCost: false,
      amountCents: needFromReports(basis, beds, occupancyBp),
      ...shared,
    }
  }
  if (norm !== null) {
    return { method: 'entered', withoutVerifiedCost: true, amountCents: norm, ...shared }
  }
  if (defaults.bedYearNormCents !== null) {
    const programmeNorm = toCents(BigInt(toCents(defaults.bedYearNormCents)) * BigInt(beds))
    return { method: 'entered', withoutVerifiedCost: true, amountCents: programmeNorm, ...shared }
  }
  return { method: 'reports', withoutVerifiedCost: true, amountCents: null, ...shared }
}
