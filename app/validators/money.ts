import vine from '@vinejs/vine'

/**
 * An amount in integer cents as the API takes it: a JSON integer within
 * 0 … 2^53 − 1 (or from `min`). Strings ("0x10", "1e3", "12.50"),
 * booleans, arrays, floats and larger numbers are refused with 422.
 */
export const cents = (options: { min?: number } = {}) =>
  vine
    .number({ strict: true })
    .withoutDecimals()
    .min(options.min ?? 0)
    .max(Number.MAX_SAFE_INTEGER)

/**
 * Parses an amount typed by a person into integer cents: "12 500,50",
 * "12.500,50", "12,500.50", "12500.5", "€ 12 500,50" and "12.500,50 EUR"
 * are all 1 250 050. The one rule (ADR 0021): the last separator is the
 * decimal separator when one or two digits follow it; any other point,
 * comma, space or apostrophe groups thousands (groups of three digits);
 * "EUR" or "€" may lead or trail. Anything else is refused, never guessed.
 */
export function parseAmountToCents(text: string): number | null {
  const compact = text
    .trim()
    .replace(/^(?:eur|€)\s*|\s*(?:eur|€)$/i, '')
    .replace(/[\s\u00a0\u202f']/g, '')
  const match = compact.match(/^(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/)
  if (!match) return null
  const decimalSeparator =
    match[2] === undefined ? null : compact.charAt(compact.length - match[2].length - 1)
  if (decimalSeparator && match[1].includes(decimalSeparator)) return null
  const whole = BigInt(match[1].replace(/[.,]/g, ''))
  const fraction = BigInt((match[2] ?? '').padEnd(2, '0'))
  const total = whole * 100n + fraction
  return total > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(total)
}

const amount = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' && typeof value !== 'number') return
  if (parseAmountToCents(String(value)) === null) {
    field.report('Enter an amount like 12 500,00', 'amount', field)
  }
})

/** An amount field: typed as text, validated and turned into cents. */
export const moneyAmount = () =>
  vine
    .string()
    .trim()
    .maxLength(30)
    .use(amount())
    .transform((value) => parseAmountToCents(value)!)

/**
 * A decimal with up to two decimals scaled to basis points: a percentage
 * ("95" → 9500, scale 100) or a multiple ("2" → 20000, scale 10000).
 */
function toBasisPoints(value: string, scale: number) {
  const match = value.replace(',', '.').match(/^(\d{1,5})(?:\.(\d{1,2}))?$/)
  if (!match) return null
  const bp = ((Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))) * scale) / 100
  return Number.isInteger(bp) ? bp : null
}

/**
 * People read `texts.rules.percentage` / `texts.rules.multiple` with the
 * maximum (app_provider.ts); the English text is only a fallback.
 */
const scaled = vine.createRule(
  (
    value,
    options: { scale: number; max: number; rule: 'percentage' | 'multiple'; message: string },
    field
  ) => {
    if (typeof value !== 'string') return
    const bp = toBasisPoints(value, options.scale)
    if (bp === null || bp > options.max * options.scale) {
      field.report(options.message, options.rule, field, { max: options.max })
    }
  }
)

export const percentAsBasisPoints = (max = 100) =>
  vine
    .string()
    .trim()
    .use(
      scaled({
        scale: 100,
        max,
        rule: 'percentage',
        message: `Enter a percentage between 0 and ${max}`,
      })
    )
    .transform((value) => toBasisPoints(value, 100)!)

export const multipleAsBasisPoints = (max = 10) =>
  vine
    .string()
    .trim()
    .use(
      scaled({
        scale: 10_000,
        max,
        rule: 'multiple',
        message: `Enter a multiple between 0 and ${max}`,
      })
    )
    .transform((value) => toBasisPoints(value, 10_000)!)

/**
 * The rows of a list (budget lines: quantity × unit cost; co-financing:
 * one amount; a list of cents) add up to at most 2^53 − 1 cents, so no total computed from
 * them overflows. Rows that are themselves invalid are left to their own rules.
 */
export const totalWithinRange = vine.createRule(
  (value, options: { amount?: string; quantity?: string }, field) => {
    if (!Array.isArray(value)) return
    let total = 0n
    for (const row of value as Record<string, unknown>[]) {
      const raw = !options.amount
        ? row
        : row && typeof row === 'object'
          ? row[options.amount]
          : undefined
      const amountCents =
        typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0
          ? raw
          : typeof raw === 'string'
            ? parseAmountToCents(raw)
            : null
      const quantity = options.quantity
        ? String(row[options.quantity] ?? '')
            .trim()
            .match(/^(\d{1,9})(?:\.(\d{1,2}))?$/)
        : ['', '1', '']
      if (amountCents === null || !quantity) continue
      const hundredths = BigInt(quantity[1]) * 100n + BigInt((quantity[2] ?? '').padEnd(2, '0'))
      total += (hundredths * BigInt(amountCents) + 50n) / 100n
    }
    if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
      field.report('The amounts add up to more than the app can hold', 'total', field)
    }
  }
)
