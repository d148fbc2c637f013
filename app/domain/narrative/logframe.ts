/**
 * The logframe of a full application and of the grant it becomes (PRAG
 * logical framework): one overall objective, specific objectives under it,
 * results under a specific objective, activities under a result, and
 * indicators on the objectives and results. An indicator is either a
 * programme indicator (linked by id: its title, unit and source are the
 * programme's, the baseline and target are this action's contribution) or
 * the grant's own, with title, unit, baseline, target and source of
 * verification. Plain data, no framework: the document is stored as JSON.
 */
export const logframeLevels = [
  'overall_objective',
  'specific_objective',
  'result',
  'activity',
] as const
export type LogframeLevel = (typeof logframeLevels)[number]

export interface LogframeItem {
  /** A short stable reference the reports point at: OO, SO1, R1.1, A1.1.1… */
  ref: string
  level: LogframeLevel
  /** The ref of the item this one sits under (none for the overall objective). */
  parent: string | null
  text: string
}

export interface LogframeIndicator {
  ref: string
  /** The objective or result it measures. */
  measures: string
  programmeIndicatorId: number | null
  /** The grant's own indicator (all five are required when it is not a programme one). */
  title: string | null
  unit: string | null
  /** The action's own baseline and target, also for a programme indicator (its contribution). */
  baseline: string | null
  target: string | null
  source: string | null
  /** Whether the values count people, reported by sex, age band and origin. */
  disaggregated: boolean
}

export interface Logframe {
  items: LogframeItem[]
  indicators: LogframeIndicator[]
}

export const emptyLogframe = (): Logframe => ({ items: [], indicators: [] })

const parentLevel: Record<LogframeLevel, LogframeLevel | null> = {
  overall_objective: null,
  specific_objective: 'overall_objective',
  result: 'specific_objective',
  activity: 'result',
}

export interface LogframeProblem {
  /** Where the problem is: items.3.parent, indicators.0.title, or `logframe` for the whole. */
  field: string
  code:
    | 'overall_objective_count'
    | 'duplicate_ref'
    | 'unknown_parent'
    | 'wrong_parent_level'
    | 'unknown_measured'
    | 'wrong_measured_level'
    | 'own_indicator_incomplete'
    | 'unknown_programme_indicator'
    | 'no_result'
    | 'no_activity'
}

/**
 * The structural problems of a logframe (none: it is complete). The
 * programme indicator ids that exist are passed in.
 */
export function logframeProblems(
  logframe: Logframe,
  programmeIndicatorIds: readonly number[]
): LogframeProblem[] {
  const problems: LogframeProblem[] = []
  const levelOf = new Map<string, LogframeLevel>()
  const seen = new Set<string>()
  const refs = [
    ...logframe.items.map((item, i) => ({ ref: item.ref, field: `items.${i}.ref` })),
    ...logframe.indicators.map((ind, i) => ({ ref: ind.ref, field: `indicators.${i}.ref` })),
  ]
  for (const { ref, field } of refs) {
    if (seen.has(ref)) problems.push({ field, code: 'duplicate_ref' })
    seen.add(ref)
  }
  for (const item of logframe.items) levelOf.set(item.ref, item.level)
  const overall = logframe.items.filter((item) => item.level === 'overall_objective').length
  if (overall !== 1) problems.push({ field: 'logframe', code: 'overall_objective_count' })
  logframe.items.forEach((item, i) => {
    const wanted = parentLevel[item.level]
    if (wanted === null) return
    const actual = item.parent === null ? undefined : levelOf.get(item.parent)
    if (actual === undefined) problems.push({ field: `items.${i}.parent`, code: 'unknown_parent' })
    else if (actual !== wanted)
      problems.push({ field: `items.${i}.parent`, code: 'wrong_parent_level' })
  })
  if (!logframe.items.some((item) => item.level === 'result'))
    problems.push({ field: 'logframe', code: 'no_result' })
  if (!logframe.items.some((item) => item.level === 'activity'))
    problems.push({ field: 'logframe', code: 'no_activity' })
  logframe.indicators.forEach((ind, i) => {
    const level = levelOf.get(ind.measures)
    if (level === undefined)
      problems.push({ field: `indicators.${i}.measures`, code: 'unknown_measured' })
    else if (level === 'activity')
      problems.push({ field: `indicators.${i}.measures`, code: 'wrong_measured_level' })
    if (ind.programmeIndicatorId !== null) {
      if (!programmeIndicatorIds.includes(ind.programmeIndicatorId))
        problems.push({
          field: `indicators.${i}.programmeIndicatorId`,
          code: 'unknown_programme_indicator',
        })
    } else {
      for (const key of ['title', 'unit', 'baseline', 'target', 'source'] as const) {
        if (!ind[key])
          problems.push({ field: `indicators.${i}.${key}`, code: 'own_indicator_incomplete' })
      }
    }
  })
  return problems
}

/**
 * What a full application's logframe still lacks before the application can
 * be submitted: at least one objective, at least one result measured by an
 * indicator (a programme one or the action's own) with a baseline and a
 * target, and an activity under every result. No logframe lacks the first
 * two. The structural rules of `logframeProblems` are checked when it is saved.
 */
export type LogframeGap =
  { code: 'objective' } | { code: 'result_indicator' } | { code: 'activity'; ref: string }

export function logframeSubmissionGaps(logframe: Logframe | null): LogframeGap[] {
  const items = logframe?.items ?? []
  const indicators = logframe?.indicators ?? []
  const gaps: LogframeGap[] = []
  if (!items.some((i) => i.level === 'overall_objective' || i.level === 'specific_objective'))
    gaps.push({ code: 'objective' })
  const results = items.filter((i) => i.level === 'result')
  const measured = new Set(
    indicators
      .filter((ind) => filled(ind.baseline) && filled(ind.target))
      .map((ind) => ind.measures)
  )
  if (!results.some((r) => measured.has(r.ref))) gaps.push({ code: 'result_indicator' })
  for (const result of results) {
    if (!items.some((i) => i.level === 'activity' && i.parent === result.ref))
      gaps.push({ code: 'activity', ref: result.ref })
  }
  return gaps
}

const filled = (value: string | null) => value !== null && value.trim() !== ''

export interface LogframeDifference {
  ref: string
  kind: 'added' | 'removed' | 'changed'
  before: string | null
  after: string | null
}

/** What a proposed logframe changes, item by item and indicator by indicator (by ref). */
export function logframeDifferences(before: Logframe, after: Logframe): LogframeDifference[] {
  const describe = (entry: LogframeItem | LogframeIndicator) =>
    'level' in entry
      ? `${entry.level} ${entry.parent ?? ''}: ${entry.text}`
      : `${entry.measures}: ${entry.programmeIndicatorId ?? ''} ${entry.title ?? ''} ${entry.unit ?? ''} ${entry.baseline ?? ''} → ${entry.target ?? ''} (${entry.source ?? ''})${entry.disaggregated ? ' *' : ''}`
  const index = (logframe: Logframe) =>
    new Map<string, string>(
      [...logframe.items, ...logframe.indicators].map((entry) => [entry.ref, describe(entry)])
    )
  const a = index(before)
  const b = index(after)
  const out: LogframeDifference[] = []
  for (const [ref, text] of a) {
    if (!b.has(ref)) out.push({ ref, kind: 'removed', before: text, after: null })
    else if (b.get(ref) !== text)
      out.push({ ref, kind: 'changed', before: text, after: b.get(ref)! })
  }
  for (const [ref, text] of b) {
    if (!a.has(ref)) out.push({ ref, kind: 'added', before: null, after: text })
  }
  return out
}

/** The lifecycle of a request to change a grant's logframe. */
export const logframeChangeStatuses = ['submitted', 'approved', 'returned'] as const
export type LogframeChangeStatus = (typeof logframeChangeStatuses)[number]
