import { DateTime } from 'luxon'
import { toCents } from '#domain/money'

/**
 * Which payment option a grant or sub-grant follows (DOMAIN-RULES §4.4):
 * option 1 (one pre-financing, then the balance) when the implementation
 * period is at most `maxMonths` months OR the funder contribution F is at
 * most `maxFunderCents`; option 2 (pre-financing per reporting period)
 * otherwise. The thresholds are parameters; the defaults are the rules'.
 */
export type PaymentOption = 'option_1' | 'option_2'

/** Why: each option-1 condition that holds, or `long_and_large` for option 2. */
export type PaymentOptionReason = 'short_period' | 'small_contribution' | 'long_and_large'

export const defaultOptionOneMaxMonths = 12
/** EUR 100 000.00 in cents. */
export const defaultOptionOneMaxFunderCents = 10_000_000

export interface PaymentOptionFacts {
  /** First day of the implementation period (ISO date). */
  startsOn: string
  /** Last day of the implementation period (ISO date, inclusive). */
  endsOn: string
  funderCents: number
}

export interface PaymentOptionThresholds {
  maxMonths?: number
  maxFunderCents?: number
}

export interface PaymentOptionDecision {
  option: PaymentOption
  reasons: PaymentOptionReason[]
  maxMonths: number
  maxFunderCents: number
}

export function derivePaymentOption(
  facts: PaymentOptionFacts,
  thresholds: PaymentOptionThresholds = {}
): PaymentOptionDecision {
  const maxMonths = thresholds.maxMonths ?? defaultOptionOneMaxMonths
  const maxFunderCents = toCents(thresholds.maxFunderCents ?? defaultOptionOneMaxFunderCents)
  if (!Number.isInteger(maxMonths) || maxMonths < 1) {
    throw new RangeError(`The month threshold must be a positive integer: ${maxMonths}`)
  }
  const starts = DateTime.fromISO(facts.startsOn, { zone: 'utc' })
  const ends = DateTime.fromISO(facts.endsOn, { zone: 'utc' })
  if (!starts.isValid || !ends.isValid || ends < starts) {
    throw new RangeError(`Not an implementation period: ${facts.startsOn} – ${facts.endsOn}`)
  }
  const funder = toCents(facts.funderCents)
  // "At most N months", compared on calendar dates (no fractional months):
  // the day after the end falls on or before the start plus N months.
  const shortPeriod = ends.plus({ days: 1 }) <= starts.plus({ months: maxMonths })
  const smallContribution = funder <= maxFunderCents
  const reasons: PaymentOptionReason[] = []
  if (shortPeriod) reasons.push('short_period')
  if (smallContribution) reasons.push('small_contribution')
  if (reasons.length === 0) {
    return { option: 'option_2', reasons: ['long_and_large'], maxMonths, maxFunderCents }
  }
  return { option: 'option_1', reasons, maxMonths, maxFunderCents }
}

/** The stored form of the reasons (`short_period,small_contribution`) and back. */
export function reasonsToText(reasons: readonly PaymentOptionReason[]) {
  return reasons.join(',')
}

export function reasonsFromText(text: string | null): PaymentOptionReason[] {
  if (!text) return []
  const known: readonly string[] = ['short_period', 'small_contribution', 'long_and_large']
  return text.split(',').filter((r): r is PaymentOptionReason => known.includes(r))
}
