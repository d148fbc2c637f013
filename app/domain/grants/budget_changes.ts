import { DateTime } from 'luxon'
import type {
  BudgetHeading,
  BudgetLineInput,
  BudgetResult,
  BudgetRules,
  BudgetViolation,
} from '#domain/budget/budget'
import { budgetHeadings, computeBudget, parseQuantity } from '#domain/budget/budget'
import { toCents } from '#domain/money'

/**
 * Budget changes of a running grant (DOMAIN-RULES §5). The grantee proposes
 * new budget lines; each heading's change is measured cumulatively against
 * the base budget — the original (version 1) or the last one amended by an
 * approved addendum, never the last notification — and the whole change is
 * classified:
 *
 * - **notification**: no heading moves by more than the flexibility limit
 *   (25 %); it is recorded and applied at once, no approval needed;
 * - **addendum**: some heading moves by more than the limit, or a heading
 *   without money in the base gets some; the funder must approve it, and it
 *   is requested at least 30 days before it takes effect.
 *
 * A notification only moves money between headings and lines: TEC, F, the
 * contractual share and the contingency stay as they are. A proposal that
 * changes TEC or grows the contingency is an addendum; one that takes money
 * out of the contingency is refused (that needs a contingency release).
 * F changes only by addendum: F after = min(F before, floor(new TEC × max
 * share)), never more than before and never below what was paid less
 * recoveries; co-financing = TEC − F.
 *
 * Every comparison is exact integer arithmetic: "change > 25 % of base" is
 * `10 000 × |change| > 2 500 × base`, i.e. `4 × |change| > base`.
 */

export const budgetChangeKinds = ['notification', 'addendum'] as const
export type BudgetChangeKind = (typeof budgetChangeKinds)[number]

export const budgetChangeStatuses = ['recorded', 'requested', 'approved', 'refused'] as const
export type BudgetChangeStatus = (typeof budgetChangeStatuses)[number]

/** The parameters of §5; defaults are data, these are only the fallbacks. */
export interface BudgetChangeRules {
  /** Largest cumulative change of a heading a notification may carry (2500 = 25 %). */
  flexibilityBp: number
  /** An addendum is requested at least this many days before it takes effect. */
  addendumNoticeDays: number
}

export const defaultBudgetChangeRules: BudgetChangeRules = {
  flexibilityBp: 2500,
  addendumNoticeDays: 30,
}

export type HeadingTotals = Record<BudgetHeading, number>

export interface HeadingChange {
  heading: BudgetHeading
  baseCents: number
  proposedCents: number
  /** proposed − base (negative for a cut). */
  changeCents: number
  /**
   * change / base in basis points, its magnitude rounded **up** (away from
   * zero), so a change just over the limit never shows as the limit itself
   * (25 % + 1 cent of 1 000.00 shows as 2501, not 2500). Null when the base
   * is 0 (no percentage exists). Display only: the classification uses the
   * exact comparison in `needsAddendum`.
   */
  changeBp: bigint | null
  /** Over the flexibility limit, or money on a heading with nothing in the base. */
  needsAddendum: boolean
}

export interface HeadingComparison {
  kind: BudgetChangeKind
  headings: HeadingChange[]
}

/** Why a proposal must be an addendum (several may hold). */
export type AddendumReason = 'HEADING_OVER_FLEXIBILITY' | 'TEC_CHANGED' | 'CONTINGENCY_GROWS'

/** Why a proposal is refused outright (409). */
export type BudgetChangeRefusalCode = 'CONTINGENCY_RELEASE_NEEDED' | 'FUNDER_BELOW_PAID'

export interface BudgetChangeRefusal {
  code: BudgetChangeRefusalCode
  message: string
}

export interface BudgetChangeInput {
  /** Lines of the base budget: the original or the last amended one. */
  baseLines: readonly BudgetLineInput[]
  /** Lines of the current budget (the base moved by notifications); the base when omitted. */
  currentLines?: readonly BudgetLineInput[]
  proposedLines: readonly BudgetLineInput[]
  /** Σ payments less Σ recoveries: F may never fall below it. */
  paidLessRecoveredCents?: number
  /** The grant's current funder contribution F and total eligible costs. */
  funderBeforeCents: number
  totalEligibleBeforeCents: number
  /** D/I/C caps, max funder share and third-party cap of the grant's call. */
  budgetRules: BudgetRules
  changeRules?: BudgetChangeRules
  /** Σ funder contributions of the sub-grants already awarded from the FSTP line (lead grants). */
  awardedSubGrantsCents?: number
}

export type BudgetChangeViolation =
  | BudgetViolation
  | {
      code: 'FSTP_LINE_BELOW_AWARDED'
      message: string
      thirdParty?: undefined
      params: { fstpCents: number; awardedCents: number }
    }

export interface BudgetChangeAnalysis extends HeadingComparison {
  /** Empty for a notification. */
  addendumReasons: AddendumReason[]
  /** Rules that forbid the proposal whatever its kind. */
  refusals: BudgetChangeRefusal[]
  flexibilityBp: number
  contingencyBeforeCents: number
  /** The proposed budget computed by the §3 rules (line totals, D, I, C, TEC). */
  proposed: BudgetResult
  totalEligibleBeforeCents: number
  totalEligibleAfterCents: number
  funderBeforeCents: number
  /** min(F before, floor(TEC after × max share)): never more than before. */
  funderAfterCents: number
  cofinancingBeforeCents: number
  cofinancingAfterCents: number
  /**
   * §3 rules the proposed budget breaks: the indirect and contingency caps,
   * the cap per third party, and Σ awarded sub-grants ≤ the FSTP line.
   */
  violations: BudgetChangeViolation[]
}

/** The analysis as stored (JSON text): basis points as decimal strings. */
export interface StoredAnalysis {
  kind: BudgetChangeKind
  flexibilityBp: number
  baseVersion: number
  headings: (Omit<HeadingChange, 'changeBp'> & { changeBp: string | null })[]
  /** Absent on changes recorded before the reasons were stored. */
  addendumReasons?: AddendumReason[]
  lineTotalsCents: number[]
  directCents: number
  indirectCents: number
  contingencyCents: number
  totalEligibleBeforeCents: number
  totalEligibleAfterCents: number
  maxFunderCents: number
  funderBeforeCents: number
  funderAfterCents: number
  cofinancingBeforeCents: number
  cofinancingAfterCents: number
}

/** Heading subtotals of a set of lines, by the §3 line-total rule. */
export function headingTotalsOf(lines: readonly BudgetLineInput[], rules: BudgetRules) {
  return computeBudget(lines, rules).headings
}

/**
 * Compares proposed heading totals with the base, heading by heading. The
 * change is an addendum when any heading's |change| exceeds `flexibilityBp`
 * of its base (exactly: `10 000 × |change| > flexibilityBp × base`), or when
 * a heading with a base of 0 gets money; otherwise a notification.
 */
export function compareHeadings(
  base: HeadingTotals,
  proposed: HeadingTotals,
  flexibilityBp = defaultBudgetChangeRules.flexibilityBp
): HeadingComparison {
  if (!Number.isSafeInteger(flexibilityBp) || flexibilityBp < 0) {
    throw new RangeError(
      `The flexibility limit must be non-negative basis points: ${flexibilityBp}`
    )
  }
  const headings = budgetHeadings.map((heading): HeadingChange => {
    const baseCents = nonNegative(base[heading] ?? 0, `base of ${heading}`)
    const proposedCents = nonNegative(proposed[heading] ?? 0, `proposal for ${heading}`)
    const change = BigInt(proposedCents) - BigInt(baseCents)
    const magnitude = change < 0n ? -change : change
    const needsAddendum =
      baseCents === 0
        ? proposedCents > 0
        : magnitude * 10_000n > BigInt(flexibilityBp) * BigInt(baseCents)
    return {
      heading,
      baseCents,
      proposedCents,
      changeCents: toCents(change),
      changeBp: changeBasisPoints(change, BigInt(baseCents)),
      needsAddendum,
    }
  })
  return {
    kind: headings.some((h) => h.needsAddendum) ? 'addendum' : 'notification',
    headings,
  }
}

/**
 * The whole analysis of a proposal: the proposed budget by the §3 rules,
 * each heading against the base, the classification, and F/TEC/co-financing
 * after the change.
 *
 * - Notification: every heading within the flexibility limit of the base,
 *   TEC and contingency unchanged. F and co-financing stay as they are.
 * - Addendum: a heading over the limit, or TEC changed, or the contingency
 *   grown. F after = min(F before, floor(TEC after × max share)).
 * - Refused whatever the kind: less contingency than now (a contingency
 *   release moves money out of it, never a budget change), or F after below
 *   paid less recovered.
 */
export function analyseBudgetChange(input: BudgetChangeInput): BudgetChangeAnalysis {
  const changeRules = input.changeRules ?? defaultBudgetChangeRules
  const rules: BudgetRules = { ...input.budgetRules, minGrantCents: null, maxGrantCents: null }
  const funderBefore = nonNegative(input.funderBeforeCents, 'funder contribution')
  const tecBefore = nonNegative(input.totalEligibleBeforeCents, 'total eligible costs')
  const paidLessRecovered = toCents(input.paidLessRecoveredCents ?? 0)
  const base = computeBudget(input.baseLines, rules)
  const current = input.currentLines ? computeBudget(input.currentLines, rules) : base
  const proposed = computeBudget(input.proposedLines, rules)
  const comparison = compareHeadings(base.headings, proposed.headings, changeRules.flexibilityBp)

  const addendumReasons: AddendumReason[] = []
  if (comparison.kind === 'addendum') addendumReasons.push('HEADING_OVER_FLEXIBILITY')
  if (proposed.totalEligibleCents !== tecBefore) addendumReasons.push('TEC_CHANGED')
  if (proposed.contingencyCents > current.contingencyCents)
    addendumReasons.push('CONTINGENCY_GROWS')
  const kind: BudgetChangeKind = addendumReasons.length > 0 ? 'addendum' : 'notification'
  const funderAfter =
    kind === 'notification'
      ? funderBefore
      : funderAfterChange(funderBefore, proposed.maxFunderCents)

  const refusals: BudgetChangeRefusal[] = []
  if (proposed.contingencyCents < current.contingencyCents) {
    refusals.push({
      code: 'CONTINGENCY_RELEASE_NEEDED',
      message:
        `Taking ${formatCents(current.contingencyCents - proposed.contingencyCents)} out of the ` +
        'contingency reserve needs a contingency release approved by the funder, not a budget change.',
    })
  }
  if (funderAfter < paidLessRecovered) {
    refusals.push({
      code: 'FUNDER_BELOW_PAID',
      message:
        `The funder contribution would fall to ${formatCents(funderAfter)}, below the ` +
        `${formatCents(paidLessRecovered)} already paid less recoveries.`,
    })
  }

  const violations: BudgetChangeViolation[] = [...proposed.violations]
  const awarded = nonNegative(input.awardedSubGrantsCents ?? 0, 'awarded sub-grants')
  const fstpLine = fstpLineCents(input.proposedLines, proposed.lineTotalsCents)
  if (awarded > fstpLine) {
    violations.push({
      code: 'FSTP_LINE_BELOW_AWARDED',
      message:
        `The financial support to third parties of ${formatCents(fstpLine)} would be less than ` +
        `the ${formatCents(awarded)} already awarded as sub-grants.`,
      params: { fstpCents: fstpLine, awardedCents: awarded },
    })
  }
  const tecAfter = kind === 'notification' ? tecBefore : proposed.totalEligibleCents
  return {
    kind,
    headings: comparison.headings,
    addendumReasons,
    refusals,
    flexibilityBp: changeRules.flexibilityBp,
    contingencyBeforeCents: current.contingencyCents,
    proposed,
    totalEligibleBeforeCents: tecBefore,
    totalEligibleAfterCents: tecAfter,
    funderBeforeCents: funderBefore,
    funderAfterCents: funderAfter,
    cofinancingBeforeCents: tecBefore - funderBefore,
    cofinancingAfterCents: tecAfter - funderAfter,
    // F is derived (never above the maximum), so the share rule holds by
    // construction; the call's grant range applied at the award.
    violations,
  }
}

/**
 * The heading flexibility limit of expense lines (DOMAIN-RULES §5, §6):
 * floor(baseline heading × (10 000 + bp) / 10 000), plus what approved
 * contingency releases moved into the heading. The baseline is the budget
 * as signed or last amended by addendum, never the current one, so
 * notifications do not compound the limit.
 */
export function headingFlexibilityLimitCents(
  baselineHeadingCents: number,
  releasedIntoHeadingCents = 0,
  flexibilityBp = defaultBudgetChangeRules.flexibilityBp
) {
  const baseline = BigInt(nonNegative(baselineHeadingCents, 'baseline heading'))
  const released = BigInt(nonNegative(releasedIntoHeadingCents, 'released contingency'))
  if (!Number.isSafeInteger(flexibilityBp) || flexibilityBp < 0) {
    throw new RangeError(
      `The flexibility limit must be non-negative basis points: ${flexibilityBp}`
    )
  }
  return toCents((baseline * (10_000n + BigInt(flexibilityBp))) / 10_000n + released)
}

/** admitted + claimed on a heading over its flexibility limit (exact: amounts are whole cents). */
export function exceedsHeadingFlexibility(
  admittedAndClaimedCents: number,
  baselineHeadingCents: number,
  releasedIntoHeadingCents = 0,
  flexibilityBp = defaultBudgetChangeRules.flexibilityBp
) {
  return (
    toCents(admittedAndClaimedCents) >
    headingFlexibilityLimitCents(baselineHeadingCents, releasedIntoHeadingCents, flexibilityBp)
  )
}

/** A proposed line may name the budget line it continues by its stable key. */
export type KeyedBudgetLineInput = BudgetLineInput & { lineKey?: string | null }

export type LineKeyProblem = 'UNKNOWN_LINE_KEY' | 'DUPLICATE_LINE_KEY'

/**
 * Gives every proposed line its stable key: the key it names (which must be
 * a line of the current budget, once), else the key of the first current
 * line with the same heading, label and third party not yet taken, else a
 * new key from `newKey`.
 */
export function assignLineKeys(
  current: readonly (BudgetLineInput & { lineKey: string })[],
  proposed: readonly KeyedBudgetLineInput[],
  newKey: () => string
): { lines: (BudgetLineInput & { lineKey: string })[] } | { problem: LineKeyProblem; key: string } {
  const known = new Set(current.map((line) => line.lineKey))
  const taken = new Set<string>()
  for (const line of proposed) {
    if (!line.lineKey) continue
    if (!known.has(line.lineKey)) return { problem: 'UNKNOWN_LINE_KEY', key: line.lineKey }
    if (taken.has(line.lineKey)) return { problem: 'DUPLICATE_LINE_KEY', key: line.lineKey }
    taken.add(line.lineKey)
  }
  const identity = (line: BudgetLineInput) =>
    JSON.stringify([line.heading, line.label.trim(), (line.thirdParty ?? '').trim()])
  const lines = proposed.map((line) => {
    let lineKey = line.lineKey || null
    if (!lineKey) {
      const match = current.find((c) => !taken.has(c.lineKey) && identity(c) === identity(line))
      lineKey = match ? match.lineKey : newKey()
      taken.add(lineKey)
    }
    return { ...line, thirdParty: line.thirdParty || null, lineKey }
  })
  return { lines }
}

/**
 * The FSTP line (line 6.3): the lines under `other` that name a third party,
 * with their totals in the same order as `lines`.
 */
export function fstpLineCents(
  lines: readonly BudgetLineInput[],
  lineTotalsCents: readonly number[]
) {
  return lines.reduce(
    (sum, line, index) =>
      line.heading === 'other' && line.thirdParty ? sum + lineTotalsCents[index] : sum,
    0
  )
}

/** F after a change: the new maximum (floor(TEC × share)) when lower, never more than before. */
export function funderAfterChange(funderBeforeCents: number, maxFunderAfterCents: number) {
  return Math.min(
    nonNegative(funderBeforeCents, 'funder contribution'),
    nonNegative(maxFunderAfterCents, 'maximum funder contribution')
  )
}

/**
 * The version the 25 % rule measures against: the latest version written by
 * an approved addendum, or the original (version 1). Notifications never
 * move the base, so their changes add up.
 */
export function baseVersionOf(
  changes: readonly {
    kind: BudgetChangeKind
    status: BudgetChangeStatus
    toVersion: number | null
  }[]
) {
  return changes
    .filter((c) => c.kind === 'addendum' && c.status === 'approved' && c.toVersion !== null)
    .reduce((latest, c) => Math.max(latest, c.toVersion!), 1)
}

/** The first date an addendum requested on `today` may take effect. */
export function earliestAddendumEffectiveOn(
  today: string,
  noticeDays = defaultBudgetChangeRules.addendumNoticeDays
) {
  return DateTime.fromISO(today).plus({ days: noticeDays }).toISODate()!
}

export type EffectiveDateProblem = 'addendum_notice' | 'after_grant_end'

/**
 * Whether a change may take effect on `effectiveOn` (dates as YYYY-MM-DD):
 * an addendum only `addendumNoticeDays` after the request, and no change
 * after the implementation period ends.
 */
export function effectiveDateProblem(
  kind: BudgetChangeKind,
  effectiveOn: string,
  today: string,
  grantEndsOn: string,
  rules: BudgetChangeRules = defaultBudgetChangeRules
): EffectiveDateProblem | null {
  if (
    kind === 'addendum' &&
    effectiveOn < earliestAddendumEffectiveOn(today, rules.addendumNoticeDays)
  )
    return 'addendum_notice'
  if (effectiveOn > grantEndsOn) return 'after_grant_end'
  return null
}

/** True when the proposal repeats the current budget line for line. */
export function isSameBudget(
  current: readonly BudgetLineInput[],
  proposed: readonly BudgetLineInput[]
) {
  if (current.length !== proposed.length) return false
  return current.every((line, index) => {
    const other = proposed[index]
    return (
      line.heading === other.heading &&
      line.label === other.label &&
      line.unit === other.unit &&
      parseQuantity(line.quantity) === parseQuantity(other.quantity) &&
      line.unitCostCents === other.unitCostCents &&
      (line.thirdParty || null) === (other.thirdParty || null)
    )
  })
}

/** A stored quantity in hundredths as the decimal text of a line: 225 → "2.25", 300 → "3". */
export function quantityText(hundredths: number) {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) {
    throw new RangeError(`Not a quantity in hundredths: ${hundredths}`)
  }
  const whole = Math.floor(hundredths / 100)
  const fraction = hundredths % 100
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, '0')}`
}

/** The analysis in the shape it is stored and sent in (no BigInt in JSON). */
export function storedAnalysis(
  analysis: BudgetChangeAnalysis,
  baseVersion: number
): StoredAnalysis {
  return {
    kind: analysis.kind,
    flexibilityBp: analysis.flexibilityBp,
    baseVersion,
    addendumReasons: analysis.addendumReasons,
    headings: analysis.headings.map((h) => ({
      ...h,
      changeBp: h.changeBp === null ? null : h.changeBp.toString(),
    })),
    lineTotalsCents: analysis.proposed.lineTotalsCents,
    directCents: analysis.proposed.directCents,
    indirectCents: analysis.proposed.indirectCents,
    contingencyCents: analysis.proposed.contingencyCents,
    totalEligibleBeforeCents: analysis.totalEligibleBeforeCents,
    totalEligibleAfterCents: analysis.totalEligibleAfterCents,
    maxFunderCents: analysis.proposed.maxFunderCents,
    funderBeforeCents: analysis.funderBeforeCents,
    funderAfterCents: analysis.funderAfterCents,
    cofinancingBeforeCents: analysis.cofinancingBeforeCents,
    cofinancingAfterCents: analysis.cofinancingAfterCents,
  }
}

/**
 * Basis points as a signed percentage with two decimals, by integer
 * arithmetic: 2500 → "+25.00", -1234 → "-12.34", 0 → "0.00".
 */
export function basisPointsAsPercent(bp: bigint | string, decimalSeparator = '.') {
  const value = BigInt(bp)
  const magnitude = value < 0n ? -value : value
  const text = `${magnitude / 100n}${decimalSeparator}${(magnitude % 100n).toString().padStart(2, '0')}`
  return value < 0n ? `-${text}` : value > 0n ? `+${text}` : text
}

/** |change| × 10 000 / base with the magnitude rounded up; null for a base of 0. */
function changeBasisPoints(change: bigint, base: bigint): bigint | null {
  if (base === 0n) return null
  const magnitude = change < 0n ? -change : change
  const rounded = (magnitude * 10_000n + base - 1n) / base
  return change < 0n ? -rounded : rounded
}

/** `105263158` → `1,052,631.58` (messages only). */
function formatCents(cents: number) {
  const units = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${units}.${String(cents % 100).padStart(2, '0')}`
}

function nonNegative(value: number, what: string) {
  const cents = toCents(value)
  if (cents < 0) throw new RangeError(`The ${what} must not be negative: ${cents}`)
  return cents
}
