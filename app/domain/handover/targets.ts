/**
 * Targets of the handover plan (DOMAIN-RULES §10, DOMAIN §8.3): per year,
 * the share of the need the state should fund and, where a municipality
 * agreed to, the municipal share. The default path runs 50 %, 70 %, 100 %
 * over the years after the action starts (the start year is the baseline,
 * without a target) and stays at its last step. The plan can set any year
 * for all shelters, and a shelter's own row wins over the plan's.
 */
export const defaultTargetPathBp: readonly number[] = [5000, 7000, 10_000]

export interface TargetEntry {
  stateShareBp: number
  municipalShareBp: number | null
}

export type TargetSource = 'default' | 'plan' | 'shelter'

export interface Target {
  /** Null before the path starts and nothing was set. */
  stateShareBp: number | null
  municipalShareBp: number | null
  source: TargetSource
}

/** The default state share of `year`: null up to the start year, then along the path. */
export function defaultStateShareBp(
  year: number,
  actionStartYear: number,
  path: readonly number[] = defaultTargetPathBp
): number | null {
  const offset = year - actionStartYear
  if (offset < 1 || path.length === 0) return null
  return path[Math.min(offset, path.length) - 1]
}

/** The shelter's row, else the plan's row for the year, else the default path. */
export function resolveTarget(
  year: number,
  actionStartYear: number,
  plan: TargetEntry | null,
  shelter: TargetEntry | null = null
): Target {
  for (const entry of [shelter, plan]) {
    if (!entry) continue
    for (const share of [entry.stateShareBp, entry.municipalShareBp]) {
      if (share !== null && (!Number.isSafeInteger(share) || share < 0 || share > 10_000)) {
        throw new RangeError(`A share must be basis points between 0 and 10 000: ${share}`)
      }
    }
  }
  if (shelter) return { ...shelter, source: 'shelter' }
  if (plan) return { ...plan, source: 'plan' }
  return {
    stateShareBp: defaultStateShareBp(year, actionStartYear),
    municipalShareBp: null,
    source: 'default',
  }
}

/**
 * The year the action starts: the earliest start of a grant that has
 * sub-grants (the lead grant), else of any grant, else the current year.
 */
export function findActionStartYear(
  leadGrantStarts: readonly string[],
  anyGrantStarts: readonly string[],
  today: string
): number {
  const earliest = [...leadGrantStarts].sort()[0] ?? [...anyGrantStarts].sort()[0] ?? today
  return Number(earliest.slice(0, 4))
}
