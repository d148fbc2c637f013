/**
 * Targets of the handover plan (DOMAIN-RULES §10, DOMAIN §8.3): per year,
 * the share of the need the state should fund and, where a municipality
 * agreed to, the municipal share. The default path runs 50 %, 70 %, 100 %
 * over the plan years from the first target year and stays at its last
 * step. The first target year is the first calendar year after the year
 * the action starts, or that year itself when the action starts in
 * January (a start later in the year leaves it as the baseline, without a
 * target). The plan can set any year
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

/** Year 1 of the target path: the start year for a January start, else the year after. */
export function firstTargetYear(actionStartsOn: string): number {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(actionStartsOn)
  if (!match) throw new RangeError(`The action start must be an ISO date: ${actionStartsOn}`)
  const year = Number(match[1])
  return match[2] === '01' ? year : year + 1
}

/** The default state share of `year`: null before the first target year, then along the path. */
export function defaultStateShareBp(
  year: number,
  firstYear: number,
  path: readonly number[] = defaultTargetPathBp
): number | null {
  const step = year - firstYear + 1
  if (step < 1 || path.length === 0) return null
  return path[Math.min(step, path.length) - 1]
}

/**
 * The shelter's row, else the plan's row for the year, else the default
 * path (the programme settings' `handoverTargetPathBp`, passed in).
 */
export function resolveTarget(
  year: number,
  firstYear: number,
  plan: TargetEntry | null,
  shelter: TargetEntry | null = null,
  path: readonly number[] = defaultTargetPathBp
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
    stateShareBp: defaultStateShareBp(year, firstYear, path),
    municipalShareBp: null,
    source: 'default',
  }
}
