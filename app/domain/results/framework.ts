/**
 * The programme's results framework (Component 2 of the action document):
 * results, each with indicators; an indicator has a unit, a source of
 * verification, the dimensions its values are disaggregated by, and the
 * rule its actual value is computed by.
 */

/** How an indicator's actual value is obtained. */
export const indicatorRules = ['service_statistics', 'narrative_reports', 'manual'] as const
export type IndicatorRule = (typeof indicatorRules)[number]

/** The dimensions the shelters' aggregates are kept by (DOMAIN-RULES §9). */
export const disaggregations = ['sex', 'age_band', 'origin'] as const
export type Disaggregation = (typeof disaggregations)[number]

export const indicatorUnits = ['people', 'cases', 'shelters', 'percent', 'events'] as const
export type IndicatorUnit = (typeof indicatorUnits)[number]

export interface Texts {
  en: string
  sq: string
  sr: string
}

/** A value entered by hand for one year (and optionally one grant). */
export interface EnteredValue {
  year: number
  grantId: number | null
  value: number
}

/**
 * The actual values of an indicator entered with evidence, per year: the
 * latest entry of each year and grant counts (entries are kept, not
 * overwritten), summed over the grants of the year. Entries come sorted
 * oldest first.
 */
export function enteredActuals(entries: readonly EnteredValue[]) {
  const latest = new Map<string, EnteredValue>()
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.value) || entry.value < 0) {
      throw new RangeError(`A value must be a non-negative integer: ${entry.value}`)
    }
    latest.set(`${entry.year}|${entry.grantId ?? ''}`, entry)
  }
  const byYear = new Map<number, number>()
  const byGrant = new Map<string, number>()
  for (const entry of latest.values()) {
    byYear.set(entry.year, (byYear.get(entry.year) ?? 0) + entry.value)
    if (entry.grantId !== null) byGrant.set(`${entry.grantId}|${entry.year}`, entry.value)
  }
  return { byYear, byGrant }
}

/**
 * Targets typed as "2026=11, 2027=12" (or one per line) into a record;
 * null when a part is not a year and a whole number.
 */
export function parseTargets(text: string): Record<string, number> | null {
  const targets: Record<string, number> = {}
  for (const part of text.split(/[\n,;]+/)) {
    const trimmed = part.trim()
    if (trimmed === '') continue
    const match = /^(\d{4})\s*[=:]\s*(\d{1,9})$/.exec(trimmed)
    if (!match) return null
    targets[match[1]] = Number(match[2])
  }
  return targets
}

/** The targets written back as the form shows them. */
export function formatTargets(targets: Record<string, number>) {
  return Object.keys(targets)
    .sort()
    .map((year) => `${year}=${targets[year]}`)
    .join(', ')
}
