/**
 * Money in integer cents (DOMAIN-RULES §2). Arithmetic that can exceed
 * Number.MAX_SAFE_INTEGER runs in BigInt; results come back as safe
 * integers or throw.
 */
export type Currency = string

export class Money {
  private constructor(
    readonly cents: number,
    readonly currency: Currency
  ) {}

  static of(cents: number | bigint | string, currency: Currency = 'EUR') {
    return new Money(toCents(cents), currency)
  }

  static zero(currency: Currency = 'EUR') {
    return new Money(0, currency)
  }

  add(other: Money) {
    this.assertSameCurrency(other)
    return Money.of(BigInt(this.cents) + BigInt(other.cents), this.currency)
  }

  subtract(other: Money) {
    this.assertSameCurrency(other)
    return Money.of(BigInt(this.cents) - BigInt(other.cents), this.currency)
  }

  isGreaterThan(other: Money) {
    this.assertSameCurrency(other)
    return this.cents > other.cents
  }

  equals(other: Money) {
    return this.currency === other.currency && this.cents === other.cents
  }

  /** Splits by integer weights; the parts always add up to the whole. */
  allocate(weights: readonly (number | bigint)[]) {
    return allocate(this.cents, weights).map((cents) => Money.of(cents, this.currency))
  }

  private assertSameCurrency(other: Money) {
    if (other.currency !== this.currency) {
      throw new Error(`Currency mismatch: ${this.currency} and ${other.currency}`)
    }
  }
}

/**
 * Converts a database or JSON value to integer cents. PostgreSQL returns
 * bigint and SUM() as strings; anything that is not an exact safe integer
 * is refused.
 */
export function toCents(value: number | bigint | string): number {
  if (typeof value === 'string') {
    if (!/^-?\d+$/.test(value.trim()))
      throw new RangeError(`Not an integer amount of cents: "${value}"`)
    value = BigInt(value.trim())
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`Amount out of range: ${value}`)
    }
    return Number(value)
  }
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer amount of cents: ${value}`)
  return value
}

/** `numerator / denominator` rounded half up (away from zero for negatives). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero')
  if (denominator < 0n) return divideRoundHalfUp(-numerator, -denominator)
  const negative = numerator < 0n
  const magnitude = negative ? -numerator : numerator
  const rounded = (2n * magnitude + denominator) / (2n * denominator)
  return negative ? -rounded : rounded
}

/** `numerator / denominator` rounded down (toward minus infinity). */
export function divideFloor(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero')
  if (denominator < 0n) return divideFloor(-numerator, -denominator)
  const quotient = numerator / denominator
  return numerator < 0n && quotient * denominator !== numerator ? quotient - 1n : quotient
}

/** `cents × basisPoints / 10 000`, rounded half up. */
export function applyBasisPoints(cents: number, basisPoints: number) {
  return toCents(divideRoundHalfUp(BigInt(cents) * BigInt(basisPoints), 10_000n))
}

/** `cents × basisPoints / 10 000`, floored: for caps that must never be exceeded. */
export function capByBasisPoints(cents: number, basisPoints: number) {
  return toCents(divideFloor(BigInt(cents) * BigInt(basisPoints), 10_000n))
}

/**
 * Largest-remainder allocation of `total` cents by non-negative integer
 * weights: each part gets its floor, then the leftover cents go one by one
 * to the largest remainders (ties to the earlier part).
 */
export function allocate(total: number, weights: readonly (number | bigint)[]): number[] {
  const w = weights.map((weight) => BigInt(weight))
  if (w.length === 0) throw new RangeError('Nothing to allocate to')
  if (w.some((weight) => weight < 0n)) throw new RangeError('Weights must not be negative')
  const sum = w.reduce((a, b) => a + b, 0n)
  if (sum === 0n) throw new RangeError('Weights must not all be zero')

  const whole = BigInt(toCents(total))
  const sign = whole < 0n ? -1n : 1n
  const magnitude = whole * sign
  const parts = w.map((weight) => (magnitude * weight) / sum)
  const remainders = w.map((weight, index) => ({ index, remainder: (magnitude * weight) % sum }))
  let leftover = magnitude - parts.reduce((a, b) => a + b, 0n)
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1
  )
  for (const { index } of remainders) {
    if (leftover === 0n) break
    parts[index] += 1n
    leftover -= 1n
  }
  return parts.map((part) => toCents(part * sign))
}

/** Formatters by locale and currency: building an Intl.NumberFormat costs more than formatting. */
const moneyFormats = new Map<string, { units: Intl.NumberFormat; decimal: string }>()

function moneyFormatFor(locale: string, currency: Currency) {
  const key = `${locale}|${currency}`
  let format = moneyFormats.get(key)
  if (!format) {
    const units = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    })
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1.5)
    const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.'
    format = { units, decimal }
    moneyFormats.set(key, format)
  }
  return format
}

/** Formats cents for people, e.g. `€1,052,631.58`; only at the edges. */
export function formatMoney(cents: number, currency: Currency = 'EUR', locale = 'en') {
  const whole = BigInt(toCents(cents))
  const negative = whole < 0n
  const magnitude = negative ? -whole : whole
  const units = magnitude / 100n
  const fraction = (magnitude % 100n).toString().padStart(2, '0')
  const { units: formatter, decimal } = moneyFormatFor(locale, currency)
  const unitsText = formatter.format(units)
  const withFraction = unitsText.replace(/(\d)(?!.*\d)/, `$1${decimal}${fraction}`)
  return negative ? `-${withFraction}` : withFraction
}
