import { divideRoundHalfUp, toCents } from '#domain/money'

/**
 * Conversion of expenses in other currencies into euros (DOMAIN-RULES §6)
 * at the InforEuro rate of the period, quoted as units of the currency per
 * 1 EUR (e.g. 117.5432 RSD = 1 EUR). Rates are kept as integer micro-units
 * (millionths), so a rate has at most 6 decimals and all arithmetic is
 * exact BigInt.
 */

const MICRO = 1_000_000n
const RATE = /^(\d+)(?:\.(\d{1,6}))?$/

/**
 * A rate as micro-units: "117.5432" → 117543200, "1" → 1000000,
 * "0.000001" → 1. Null when the text is not a plain decimal with at most
 * 6 decimals (no sign, no exponent, no thousands separators), or when the
 * rate is 0.
 */
export function parseRate(text: string): number | null {
  if (typeof text !== 'string') return null
  const match = RATE.exec(text.trim())
  if (!match) return null
  const micro = BigInt(match[1]) * MICRO + BigInt((match[2] ?? '').padEnd(6, '0'))
  if (micro <= 0n || micro > BigInt(Number.MAX_SAFE_INTEGER)) return null
  return Number(micro)
}

/** Micro-units back to text without trailing zeros: 117543200 → "117.5432". */
export function rateText(rateMicro: number) {
  const micro = BigInt(positiveRate(rateMicro))
  const fraction = (micro % MICRO).toString().padStart(6, '0').replace(/0+$/, '')
  return fraction ? `${micro / MICRO}.${fraction}` : `${micro / MICRO}`
}

/**
 * An amount in another currency, in its cents, to euro cents:
 * `round(amountCents × 1 000 000 / rateMicro)`, half up (away from zero for
 * a negative amount, such as a credit note).
 */
export function toEurCents(amountCents: number, rateMicro: number): number {
  const amount = BigInt(toCents(amountCents))
  return toCents(divideRoundHalfUp(amount * MICRO, BigInt(positiveRate(rateMicro))))
}

function positiveRate(rateMicro: number) {
  if (!Number.isSafeInteger(rateMicro) || rateMicro <= 0) {
    throw new RangeError(`An exchange rate must be a positive number of micro-units: ${rateMicro}`)
  }
  return rateMicro
}

/* InforEuro table (DOMAIN-RULES §6): one rate per currency and month. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** A month as the table keys it ("2026-03"), or null. */
export function parseMonth(text: string): string | null {
  return typeof text === 'string' && MONTH.test(text.trim()) ? text.trim() : null
}

/** The month a cost was incurred: "2026-03-14" → "2026-03". */
export function monthOf(spentOn: string) {
  const month = parseMonth(typeof spentOn === 'string' ? spentOn.slice(0, 7) : '')
  if (month === null || !/^\d{4}-\d{2}-\d{2}$/.test(spentOn)) {
    throw new RangeError(`A date must be YYYY-MM-DD: ${String(spentOn)}`)
  }
  return month
}

/** The key of a rate in an `InforEuroTable`. */
export function rateKey(currency: string, month: string) {
  return `${currency.trim().toUpperCase()} ${month}`
}

/** Rates in micro-units by `rateKey(currency, month)`. */
export type InforEuroTable = ReadonlyMap<string, number>

/** The table's rate of the month the cost was incurred; null when the table lacks it (or for EUR). */
export function inforEuroRateFor(table: InforEuroTable, currency: string, spentOn: string) {
  if (currency.trim().toUpperCase() === 'EUR') return null
  return table.get(rateKey(currency, monthOf(spentOn))) ?? null
}

export interface ConvertibleLine {
  currency: string
  /** In cents of `currency`. */
  amountCents: number
  /** The rate the grantee gave, if any. */
  rateMicro: number | null
  /** The InforEuro rate of the month, if the table has it. */
  inforEuroRateMicro: number | null
}

/**
 * The euro cents a line claims: a EUR amount as it is; another currency at
 * the InforEuro rate of the month; while the table lacks the month, at the
 * grantee's rate (the line is flagged NO_INFOREURO_RATE), or 0 without one.
 */
export function claimedEurCents(line: ConvertibleLine): number {
  if (line.currency.trim().toUpperCase() === 'EUR') return toCents(line.amountCents)
  const rate = line.inforEuroRateMicro ?? line.rateMicro
  return rate === null ? 0 : toEurCents(line.amountCents, rate)
}
