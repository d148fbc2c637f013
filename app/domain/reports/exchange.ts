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
