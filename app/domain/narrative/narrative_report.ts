import type { Logframe } from '#domain/narrative/logframe'

/**
 * A narrative report per reporting period (PRAG Annex VI, narrative part):
 * progress per result and activity of the grant's logframe, indicator
 * values (people counts by sex, age band and origin), deviations and their
 * reasons, risks, lessons and visibility actions. Plain data.
 */
export const narrativeStatuses = ['draft', 'submitted', 'verified', 'returned', 'approved'] as const
export type NarrativeStatus = (typeof narrativeStatuses)[number]

export const activityStatuses = [
  'not_started',
  'ongoing',
  'completed',
  'delayed',
  'cancelled',
] as const
export type ActivityStatus = (typeof activityStatuses)[number]

/** The breakdowns of an indicator value that counts people (DOMAIN-RULES §9). */
export const breakdowns = {
  sex: ['female', 'male'],
  ageBand: ['under_18', 'adult'],
  origin: ['domestic', 'foreign'],
} as const
export type Breakdown = keyof typeof breakdowns

export interface IndicatorValue {
  ref: string
  /** The value reached in the period (a decimal text for non-people indicators). */
  value: string
  /** For people counts: each breakdown adds up to the value. */
  sex?: { female: number; male: number }
  ageBand?: { under_18: number; adult: number }
  origin?: { domestic: number; foreign: number }
  comment?: string | null
}

export interface NarrativeContent {
  summary: string | null
  progress: { ref: string; status: ActivityStatus | null; text: string }[]
  indicators: IndicatorValue[]
  deviations: { text: string; reason: string }[]
  risks: string | null
  lessons: string | null
  visibility: string | null
}

export const emptyNarrative = (): NarrativeContent => ({
  summary: null,
  progress: [],
  indicators: [],
  deviations: [],
  risks: null,
  lessons: null,
  visibility: null,
})

const next: Record<NarrativeStatus, readonly NarrativeStatus[]> = {
  draft: ['submitted'],
  submitted: ['verified', 'returned'],
  verified: ['approved', 'returned'],
  returned: ['submitted'],
  approved: [],
}

export function canMove(from: NarrativeStatus, to: NarrativeStatus) {
  return next[from].includes(to)
}

export function isEditable(status: NarrativeStatus) {
  return status === 'draft' || status === 'returned'
}

export interface NarrativeProblem {
  field: string
  code:
    | 'unknown_ref'
    | 'not_a_count'
    | 'breakdown_sum'
    | 'breakdown_missing'
    | 'progress_missing'
    | 'indicator_missing'
}

/**
 * What stops a report from being submitted: every result and activity of
 * the logframe has a progress text, every indicator a value, refs exist,
 * and a people-count indicator's value is a whole number with each
 * breakdown adding up to it.
 */
export function narrativeProblems(
  content: NarrativeContent,
  logframe: Logframe
): NarrativeProblem[] {
  const problems: NarrativeProblem[] = []
  const trackable = logframe.items.filter((i) => i.level === 'result' || i.level === 'activity')
  const indicatorByRef = new Map(logframe.indicators.map((i) => [i.ref, i]))
  content.progress.forEach((row, i) => {
    if (!trackable.some((item) => item.ref === row.ref))
      problems.push({ field: `progress.${i}.ref`, code: 'unknown_ref' })
  })
  for (const item of trackable) {
    if (!content.progress.some((row) => row.ref === item.ref && row.text.trim() !== ''))
      problems.push({ field: `progress.${item.ref}`, code: 'progress_missing' })
  }
  content.indicators.forEach((row, i) => {
    const indicator = indicatorByRef.get(row.ref)
    if (!indicator) {
      problems.push({ field: `indicators.${i}.ref`, code: 'unknown_ref' })
      return
    }
    if (!indicator.disaggregated) return
    if (!/^\d{1,9}$/.test(row.value)) {
      problems.push({ field: `indicators.${i}.value`, code: 'not_a_count' })
      return
    }
    const total = Number(row.value)
    for (const key of Object.keys(breakdowns) as Breakdown[]) {
      const parts = row[key] as Record<string, number> | undefined
      if (!parts) {
        problems.push({ field: `indicators.${i}.${key}`, code: 'breakdown_missing' })
        continue
      }
      const sum = Object.values(parts).reduce((a, b) => a + b, 0)
      if (sum !== total) problems.push({ field: `indicators.${i}.${key}`, code: 'breakdown_sum' })
    }
  })
  for (const indicator of logframe.indicators) {
    if (!content.indicators.some((row) => row.ref === indicator.ref && row.value !== ''))
      problems.push({ field: `indicators.${indicator.ref}`, code: 'indicator_missing' })
  }
  return problems
}

export interface ContentChange {
  /** progress.R1, indicators.I2, deviations, risks, … */
  field: string
  before: string | null
  after: string | null
}

/** What changed between two versions of a report, field by field (for the resubmission diff). */
export function narrativeChanges(
  before: NarrativeContent,
  after: NarrativeContent
): ContentChange[] {
  const flat = (content: NarrativeContent) => {
    const out = new Map<string, string>()
    for (const key of ['summary', 'risks', 'lessons', 'visibility'] as const) {
      if (content[key]) out.set(key, content[key]!)
    }
    for (const row of content.progress)
      out.set(`progress.${row.ref}`, `${row.status ?? ''} ${row.text}`.trim())
    for (const row of content.indicators) {
      const parts = (Object.keys(breakdowns) as Breakdown[])
        .filter((key) => row[key])
        .map((key) => Object.values(row[key]!).join('/'))
      out.set(
        `indicators.${row.ref}`,
        [row.value, ...parts, row.comment ?? ''].filter((p) => p !== '').join(' · ')
      )
    }
    content.deviations.forEach((row, i) =>
      out.set(`deviations.${i + 1}`, `${row.text} — ${row.reason}`)
    )
    return out
  }
  const a = flat(before)
  const b = flat(after)
  const fields = [...new Set([...a.keys(), ...b.keys()])]
  return fields
    .filter((field) => a.get(field) !== b.get(field))
    .map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }))
}

/** A people count as a viewer may see it: the number, or a mark. */
export type ShownValue = { value: string; hidden: false } | { value: string; hidden: true }

/**
 * Disclosure control of the people counts of narrative reports, the same
 * conservative method as the service statistics (`#domain/reports/disclosure`):
 * the unit is a grant's series of narrative reports. If any people count of
 * the series (value or breakdown entry) is from 1 to 4 (1 to the
 * publication minimum − 1), an outsider sees every people count of the
 * series hidden: "<5" for 0–4, "x" for 5 or more.
 * Insiders (the grantee, the MLSW) see every number.
 */
export function seriesIsProtected(
  series: readonly NarrativeContent[],
  peopleRefs: ReadonlySet<string>,
  minimum = 5
) {
  return series.some((content) =>
    content.indicators.some(
      (row) =>
        peopleRefs.has(row.ref) &&
        [
          Number(row.value),
          ...(Object.keys(breakdowns) as Breakdown[]).flatMap((key) =>
            row[key] ? Object.values(row[key]!) : []
          ),
        ].some((n) => n >= 1 && n < minimum)
    )
  )
}

export function shownCount(count: number, hide: boolean): ShownValue {
  if (!hide) return { value: String(count), hidden: false }
  return { value: count < 5 ? '<5' : 'x', hidden: true }
}

/**
 * A roll-up (the lead grantee's sum over its sub-grantees): withheld as
 * "x" when any contributor is hidden, otherwise the sum.
 */
export function rolledUp(values: readonly ShownValue[]): ShownValue {
  if (values.some((v) => v.hidden)) return { value: 'x', hidden: true }
  return { value: String(values.reduce((t, v) => t + Number(v.value), 0)), hidden: false }
}
