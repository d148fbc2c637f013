/**
 * Programme settings (DOMAIN-RULES, "every number here is a default stored
 * as data"): the action's facts and the defaults the rules use. Versions
 * are kept with the date they take effect; the version in force on a date
 * is the newest one that took effect on or before it. Pure: no framework,
 * no database; the values are passed to the rules, never read by them.
 */

export const programmeLanguages = ['en', 'sq', 'sr-Latn'] as const
export type ProgrammeLanguage = (typeof programmeLanguages)[number]

export interface ProgrammeSettings {
  /* The action (the EU grant the programme runs on). */
  actionTitle: string
  decisionNumber: string
  /** ISO dates (YYYY-MM-DD). */
  actionStartsOn: string
  actionEndsOn: string
  currency: string
  languages: ProgrammeLanguage[]

  /* Budget (§3): basis points of TEC or D, cents. */
  maxFunderShareBp: number
  cofinancingMinBp: number
  indirectCapBp: number
  contingencyCapBp: number
  maxPerThirdPartyCents: number
  /** A full application's F may differ from its concept note's by at most this much. */
  maxRequestChangeBp: number
  /** Longest implementation period of the main call, in months. */
  maxDurationMonths: number

  /* Payment schedule (§4). */
  prefinancingCapBp: number
  optionOnePrefinancingBp: number
  optionOneMaxMonths: number
  optionOneMaxFunderCents: number

  /* Budget changes (§5). */
  flexibilityBp: number
  addendumNoticeDays: number

  /* Reminders (§7, reports). Days before (positive) the expiry or due date. */
  licenceReminderDays: number[]
  reportReminderDaysBefore: number[]
  reportReminderDaysAfter: number[]

  /* Statistics (§9): counts from 1 to publicationMinimum − 1 are suppressed. */
  publicationMinimum: number

  /* Handover (§10). */
  handoverOccupancyBp: number
  /** The MLSW's annual cost norm per bed (cents), used when no need was entered or reported; null for none. */
  bedYearNormCents: number | null
  handoverTargetPathBp: number[]
}

/** The defaults of DOMAIN-RULES.md, the first version of a fresh database. */
export const defaultProgrammeSettings: Readonly<ProgrammeSettings> = Object.freeze({
  actionTitle: 'Support to shelters for victims of trafficking in Kosovo',
  decisionNumber: '',
  actionStartsOn: '2026-01-01',
  actionEndsOn: '2028-12-31',
  currency: 'EUR',
  languages: ['en', 'sq', 'sr-Latn'],
  maxFunderShareBp: 9500,
  cofinancingMinBp: 500,
  indirectCapBp: 700,
  contingencyCapBp: 500,
  maxPerThirdPartyCents: 6_000_000,
  maxRequestChangeBp: 2000,
  maxDurationMonths: 24,
  prefinancingCapBp: 9000,
  optionOnePrefinancingBp: 8000,
  optionOneMaxMonths: 12,
  optionOneMaxFunderCents: 10_000_000,
  flexibilityBp: 2500,
  addendumNoticeDays: 30,
  licenceReminderDays: [90, 60, 30, 0],
  reportReminderDaysBefore: [14, 3],
  reportReminderDaysAfter: [1, 14],
  publicationMinimum: 5,
  handoverOccupancyBp: 7500,
  bedYearNormCents: null,
  handoverTargetPathBp: [5000, 7000, 10_000],
}) as ProgrammeSettings

/** The date from which the first version (the defaults) is in force. */
export const firstEffectiveFrom = '2000-01-01'

export interface SettingsVersion {
  /** ISO date (YYYY-MM-DD). */
  effectiveFrom: string
  values: ProgrammeSettings
}

/**
 * The version in force on `date` (ISO YYYY-MM-DD): the newest that took
 * effect on or before it; null before the first one. ISO dates compare as
 * strings.
 */
export function versionInForce<V extends { effectiveFrom: string }>(
  versions: readonly V[],
  date: string
): V | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not an ISO date: ${date}`)
  let found: V | null = null
  for (const version of versions) {
    if (version.effectiveFrom <= date && (!found || version.effectiveFrom > found.effectiveFrom)) {
      found = version
    }
  }
  return found
}

/**
 * The settings in force on `date`, the defaults filled in for any value a
 * version lacks (a version stored before a setting existed).
 */
export function settingsInForce(
  versions: readonly SettingsVersion[],
  date: string
): ProgrammeSettings {
  const version = versionInForce(versions, date)
  return { ...defaultProgrammeSettings, ...(version?.values ?? {}) }
}

export type SettingsProblem = { field: keyof ProgrammeSettings; rule: string }

/**
 * The rules between values that a field-by-field validator can't see: the
 * action ends after it starts; the funder share and the co-financing
 * minimum add up to 100 % (co-financing = TEC − F, DOMAIN-RULES §3).
 */
export function settingsProblems(values: ProgrammeSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = []
  if (values.actionEndsOn <= values.actionStartsOn) {
    problems.push({ field: 'actionEndsOn', rule: 'ends_before_start' })
  }
  if (values.maxFunderShareBp + values.cofinancingMinBp !== 10_000) {
    problems.push({ field: 'cofinancingMinBp', rule: 'share_sum' })
  }
  return problems
}

/** What changed between two versions: the names of the values that differ. */
export function changedSettings(before: ProgrammeSettings, after: ProgrammeSettings) {
  return (Object.keys(after) as (keyof ProgrammeSettings)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])
  )
}

/**
 * The languages a reader may be given: the configured ones, in the order
 * of `programmeLanguages`, and always English (the fallback every message
 * exists in).
 */
export function offeredLanguages(configured: readonly string[]): ProgrammeLanguage[] {
  return programmeLanguages.filter((language) => language === 'en' || configured.includes(language))
}

/** A date (YYYY-MM-DD) within the action's start and end, both included. */
export function withinAction(
  date: string,
  action: { actionStartsOn: string; actionEndsOn: string }
) {
  return date >= action.actionStartsOn && date <= action.actionEndsOn
}
