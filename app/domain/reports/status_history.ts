/**
 * A report's status as it stood at a moment, from its recorded status
 * changes (ADR 0037): the progress pack counts reports as they stood at
 * the end of its quarter, not as they are today. Plain data.
 */
export interface StatusChange<S extends string> {
  status: S
  /** When it happened: an ISO instant (UTC). */
  at: string
}

/**
 * The status at `cutoff` (an ISO instant): null when the report did not
 * exist yet; the last change at or before the cutoff (of changes at the
 * same instant, the one listed last: list them in the order recorded); the first status
 * (`initial`, a draft) when every recorded change came later. A report
 * without any recorded change (rows made before the history was kept)
 * counts with its current status.
 */
export function statusAsOf<S extends string>(
  report: { createdAt: string; status: S },
  changes: readonly StatusChange<S>[],
  cutoff: string,
  initial: S
): S | null {
  if (report.createdAt > cutoff) return null
  if (changes.length === 0) return report.status
  let found: StatusChange<S> | null = null
  for (const change of changes) {
    if (change.at <= cutoff && (found === null || change.at >= found.at)) found = change
  }
  return found ? found.status : initial
}
