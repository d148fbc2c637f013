import vine from '@vinejs/vine'
import type { ComplianceLevel, MinimumStandardCode } from '#domain/reports/minimum_standards'
import { complianceLevels, minimumStandardCodes } from '#domain/reports/minimum_standards'
import type {
  AgeBand,
  Origin,
  ReferralCount,
  ReferralSource,
  Sex,
  StatisticCount,
  StatisticMeasure,
} from '#domain/reports/statistics'
import {
  ageBands,
  origins,
  referralSources,
  sexes,
  statisticMeasures,
} from '#domain/reports/statistics'

/*
 * Service statistics are numbers only: no field here can hold a name, a
 * date of birth or a case. Form field names start with a letter and carry
 * no dots (the form parser would read dots or leading digits as nesting).
 */

/** The largest count accepted in one cell (bed-days of a large shelter over a year fit). */
const maxCount = 1_000_000

const count = () => vine.number().withoutDecimals().min(0).max(maxCount)

/** `c_admissions_female_adult_domestic` */
export function statisticFieldName(
  measure: StatisticMeasure,
  sex: Sex,
  ageBand: AgeBand,
  origin: Origin
) {
  return `c_${measure}_${sex}_${ageBand}_${origin}`
}

/** `r_police` */
export function referralFieldName(source: ReferralSource) {
  return `r_${source}`
}

/** `MS-01` → `ms01`, the suffix of the compliance fields (`level_ms01`, `evidence_ms01` …). */
export function standardFieldSuffix(code: MinimumStandardCode) {
  return code.replace('-', '').toLowerCase()
}

/** Every cell of the statistics grid, in a fixed order. */
export const statisticCells = statisticMeasures.flatMap((measure) =>
  sexes.flatMap((sex) =>
    ageBands.flatMap((ageBand) =>
      origins.map((origin) => ({
        measure,
        sex,
        ageBand,
        origin,
        name: statisticFieldName(measure, sex, ageBand, origin),
      }))
    )
  )
)

const statisticsFormFields = {
  ...Object.fromEntries(statisticCells.map((cell) => [cell.name, count().optional()])),
  ...Object.fromEntries(
    referralSources.map((source) => [referralFieldName(source), count().optional()])
  ),
}

/** The statistics grid of the page: an empty cell counts as 0. */
export const statisticsFormValidator = vine.create(statisticsFormFields)

/** The counts and referrals a validated form holds. */
export function statisticsOfForm(form: Record<string, number | undefined>): {
  counts: StatisticCount[]
  referrals: ReferralCount[]
} {
  return {
    counts: statisticCells.map(({ measure, sex, ageBand, origin, name }) => ({
      measure,
      sex,
      ageBand,
      origin,
      count: form[name] ?? 0,
    })),
    referrals: referralSources.map((source) => ({
      source,
      count: form[referralFieldName(source)] ?? 0,
    })),
  }
}

/** The statistics through the API: combinations left out count as 0; each at most once. */
export const statisticsApiValidator = vine.create({
  counts: vine
    .array(
      vine.object({
        measure: vine.enum(statisticMeasures),
        sex: vine.enum(sexes),
        ageBand: vine.enum(ageBands),
        origin: vine.enum(origins),
        count: count(),
      })
    )
    .maxLength(statisticCells.length)
    .distinct(['measure', 'sex', 'ageBand', 'origin']),
  referrals: vine
    .array(vine.object({ source: vine.enum(referralSources), count: count() }))
    .maxLength(referralSources.length)
    .distinct('source')
    .optional(),
  /** Totals per measure, when the sender keeps them: each must be the sum of its cells. */
  totals: vine
    .object(Object.fromEntries(statisticMeasures.map((m) => [m, count().optional()])))
    .optional(),
})

const evidence = () => vine.string().trim().maxLength(2000)
const comment = () => vine.string().trim().maxLength(2000)

export interface ComplianceEntry {
  standard: MinimumStandardCode
  level: ComplianceLevel
  evidence: string | null
  comment: string | null
}

export interface ComplianceReviewEntry {
  standard: MinimumStandardCode
  level: ComplianceLevel
  comment: string | null
}

/** The self-assessment form: a level per standard (a standard left empty is not changed). */
export const complianceFormValidator = vine.create(
  Object.fromEntries(
    minimumStandardCodes.flatMap((code) => {
      const suffix = standardFieldSuffix(code)
      return [
        [`level_${suffix}`, vine.enum(complianceLevels).optional()],
        [`evidence_${suffix}`, evidence().optional()],
        [`comment_${suffix}`, comment().optional()],
      ]
    })
  )
)

export function complianceOfForm(form: Record<string, string | undefined>): ComplianceEntry[] {
  return minimumStandardCodes.flatMap((standard) => {
    const suffix = standardFieldSuffix(standard)
    const level = form[`level_${suffix}`] as ComplianceLevel | undefined
    if (!level) return []
    return [
      {
        standard,
        level,
        evidence: form[`evidence_${suffix}`] || null,
        comment: form[`comment_${suffix}`] || null,
      },
    ]
  })
}

/** The verifier's form: a level per assessed standard, a comment where it is corrected. */
export const complianceReviewFormValidator = vine.create(
  Object.fromEntries(
    minimumStandardCodes.flatMap((code) => {
      const suffix = standardFieldSuffix(code)
      return [
        [`verifier_${suffix}`, vine.enum(complianceLevels).optional()],
        [`vcomment_${suffix}`, comment().optional()],
      ]
    })
  )
)

export function complianceReviewOfForm(
  form: Record<string, string | undefined>
): ComplianceReviewEntry[] {
  return minimumStandardCodes.flatMap((standard) => {
    const suffix = standardFieldSuffix(standard)
    const level = form[`verifier_${suffix}`] as ComplianceLevel | undefined
    if (!level) return []
    return [{ standard, level, comment: form[`vcomment_${suffix}`] || null }]
  })
}

export const complianceApiValidator = vine.create({
  entries: vine
    .array(
      vine.object({
        standard: vine.enum(minimumStandardCodes),
        level: vine.enum(complianceLevels),
        evidence: evidence().optional(),
        comment: comment().optional(),
      })
    )
    .minLength(1)
    .maxLength(minimumStandardCodes.length)
    .distinct('standard'),
})

export const complianceReviewApiValidator = vine.create({
  entries: vine
    .array(
      vine.object({
        standard: vine.enum(minimumStandardCodes),
        level: vine.enum(complianceLevels),
        comment: comment().optional(),
      })
    )
    .minLength(1)
    .maxLength(minimumStandardCodes.length)
    .distinct('standard'),
})
