/**
 * Ranking, shortlist and provisional selection (DOMAIN.md §2.1).
 */
export interface Ranked {
  id: number
  /** Average score in hundredths; null when unscored. */
  scoreHundredths: number | null
  requestedCents: number
  eliminated?: boolean
}

/** Best first; ties go to the smaller request, then to the earlier application. */
export function rank<T extends Ranked>(items: readonly T[]): T[] {
  return [...items]
    .filter((item) => item.scoreHundredths !== null)
    .sort(
      (a, b) =>
        b.scoreHundredths! - a.scoreHundredths! ||
        a.requestedCents - b.requestedCents ||
        a.id - b.id
    )
}

/**
 * The concept-note shortlist: above the threshold, in rank order, while the
 * cumulative request stays within `multipleBp` (20000 = 2×) of the budget.
 */
export function shortlist<T extends Ranked>(
  items: readonly T[],
  thresholdHundredths: number,
  envelopeCents: number,
  multipleBp: number
) {
  const limit = BigInt(envelopeCents) * BigInt(multipleBp)
  let cumulative = 0n
  const shortlisted: T[] = []
  const notShortlisted: T[] = []
  for (const item of rank(items)) {
    const next = cumulative + BigInt(item.requestedCents)
    if (
      !item.eliminated &&
      item.scoreHundredths! >= thresholdHundredths &&
      next * 10_000n <= limit
    ) {
      shortlisted.push(item)
      cumulative = next
    } else {
      notShortlisted.push(item)
    }
  }
  return { shortlisted, notShortlisted }
}

/**
 * Provisional selection of full applications: above the threshold and not
 * eliminated, in rank order within the budget envelope; the next ones that
 * pass form the reserve list; the rest are rejected.
 */
export function provisionalSelection<T extends Ranked>(
  items: readonly T[],
  thresholdHundredths: number,
  envelopeCents: number
) {
  let remaining = BigInt(envelopeCents)
  const selected: T[] = []
  const reserve: T[] = []
  const rejected: T[] = []
  for (const item of rank(items)) {
    if (item.eliminated || item.scoreHundredths! < thresholdHundredths) {
      rejected.push(item)
    } else if (BigInt(item.requestedCents) <= remaining && reserve.length === 0) {
      selected.push(item)
      remaining -= BigInt(item.requestedCents)
    } else {
      reserve.push(item)
    }
  }
  return { selected, reserve, rejected }
}
