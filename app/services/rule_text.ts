import { formatMoney } from '#domain/money'
import { shareText } from '#services/handover_labels'

/** Rules whose sentences live outside `evaluation.rules`. */
const ruleNamespaces: Record<string, string> = {
  COFINANCING_BELOW_MIN: 'settings3.rules',
}

interface Labels {
  locale: string
  t(key: string, data?: Record<string, unknown>): string
}

/**
 * A rule code with its figures as a sentence in the reader's language
 * (`FUNDER_OVER_MAX_SHARE` → "The funder contribution of … exceeds …").
 * Figures named `…Cents` are amounts, `…Bp` are shares; the rest as given.
 */
export function ruleText(
  code: string,
  params: Record<string, unknown> | undefined,
  labels: Labels,
  currency = 'EUR'
) {
  const data: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'number' && name.endsWith('Cents'))
      data[name] = formatMoney(value, currency, labels.locale)
    else if (typeof value === 'number' && name.endsWith('Bp'))
      data[name] = shareText(value, labels.locale)
    else data[name] = value
  }
  return labels.t(`${ruleNamespaces[code] ?? 'evaluation.rules'}.${code}`, data)
}
