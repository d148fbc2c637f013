import type { BudgetHeading } from '#domain/budget/budget'
import { budgetHeadings } from '#domain/budget/budget'
import { divideFloor, divideRoundHalfUp, toCents } from '#domain/money'
import type { StandardCode } from '#domain/reports/minimum_standards'
import { standardCodes } from '#domain/reports/minimum_standards'

/**
 * Totals of expense reports (DOMAIN-RULES §6, §8): claimed and admitted
 * amounts per budget heading and per minimum standard, cost per occupied
 * bed-day, and budget against actual. Integer cents; sums run in BigInt
 * and come back as safe integers (or throw).
 */

export interface TotalsLine {
  /** Null when the line names no (known) budget line. */
  heading: BudgetHeading | null
  /** A code of the catalogue (`StandardCode` by default; MLSW may edit the catalogue). */
  standard: StandardCode | (string & {})
  claimedCents: number
  /** Null until the verifier has set it. */
  admittedCents: number | null
  /**
   * How many lines this entry stands for (1 when left out): an entry may be
   * the SQL sum of the lines of one heading, standard and verified state.
   */
  lineCount?: number
}

export interface ClaimedAdmitted {
  claimedCents: number
  /** Σ admitted amounts set so far (a line not yet verified adds 0). */
  admittedCents: number
  /** Σ claimed of the lines not yet verified (admitted amount still null). */
  unverifiedCents: number
}

export interface ReportTotals {
  /** The headings that have lines, in `budgetHeadings` order; lines without a heading last (heading null). */
  byHeading: (ClaimedAdmitted & { heading: BudgetHeading | null })[]
  /** The standards that have lines, in `standardCodes` order, then other codes as first met. */
  byStandard: (ClaimedAdmitted & { standard: string })[]
  total: ClaimedAdmitted
  /** Number of lines whose admitted amount is still null. */
  unverifiedLines: number
}

/** Claimed and admitted per heading, per standard and in total. */
export function reportTotals(lines: readonly TotalsLine[]): ReportTotals {
  const byHeading = new Map<BudgetHeading | null, Sums>()
  const byStandard = new Map<string, Sums>()
  const total = sums()
  let unverifiedLines = 0

  lines.forEach((line, index) => {
    if (line.heading !== null && !budgetHeadings.includes(line.heading)) {
      throw new RangeError(`Line ${index + 1}: unknown heading "${line.heading}"`)
    }
    if (typeof line.standard !== 'string' || line.standard === '') {
      throw new RangeError(`Line ${index + 1}: no minimum standard`)
    }
    const claimed = BigInt(nonNegative(line.claimedCents, `claimed amount of line ${index + 1}`))
    const admitted =
      line.admittedCents === null
        ? null
        : BigInt(nonNegative(line.admittedCents, `admitted amount of line ${index + 1}`))
    if (!byHeading.has(line.heading)) byHeading.set(line.heading, sums())
    if (!byStandard.has(line.standard)) byStandard.set(line.standard, sums())
    if (admitted === null) unverifiedLines += line.lineCount ?? 1
    for (const target of [byHeading.get(line.heading)!, byStandard.get(line.standard)!, total]) {
      target.claimed += claimed
      if (admitted === null) target.unverified += claimed
      else target.admitted += admitted
    }
  })

  const headingOrder = [...budgetHeadings, null]
  const standardOrder = (code: string) => {
    const position = (standardCodes as readonly string[]).indexOf(code)
    return position === -1 ? standardCodes.length : position
  }
  return {
    byHeading: headingOrder
      .filter((heading) => byHeading.has(heading))
      .map((heading) => ({ heading, ...cents(byHeading.get(heading)!) })),
    byStandard: [...byStandard.keys()]
      .map((standard, seen) => ({ standard, seen }))
      .sort((a, b) => standardOrder(a.standard) - standardOrder(b.standard) || a.seen - b.seen)
      .map(({ standard }) => ({ standard, ...cents(byStandard.get(standard)!) })),
    total: cents(total),
    unverifiedLines,
  }
}

/** Cost per occupied bed-day, rounded half up to the cent; null without bed-days. */
export function costPerBedDayCents(costCents: number, bedDays: number): number | null {
  if (!Number.isSafeInteger(bedDays) || bedDays < 0) {
    throw new RangeError(`Bed-days must be a non-negative integer: ${bedDays}`)
  }
  if (bedDays === 0) return null
  return toCents(divideRoundHalfUp(BigInt(toCents(costCents)), BigInt(bedDays)))
}

export interface PlannedBudgetLine {
  id: number
  heading: BudgetHeading
  label: string
  totalCents: number
}

export interface BudgetVsActualRow {
  plannedCents: number
  claimedCents: number
  admittedCents: number
  /** planned − admitted; negative when more was admitted than planned. */
  remainingCents: number
  /** floor(admitted × 10 000 / planned); null when nothing was planned. */
  usedBp: number | null
}

export interface BudgetVsActualLine extends BudgetVsActualRow {
  id: number
  heading: BudgetHeading
  label: string
}

export interface BudgetVsActualHeading extends BudgetVsActualRow {
  heading: BudgetHeading
  /** admitted > planned × (1 + flexibility), exactly: 10 000 × admitted > (10 000 + bp) × planned. */
  overFlexibility: boolean
}

export interface BudgetVsActual {
  /** In the order of `budgetLines`. */
  lines: BudgetVsActualLine[]
  /** The headings that have lines, in `budgetHeadings` order. */
  headings: BudgetVsActualHeading[]
  total: BudgetVsActualRow
}

/**
 * Budget against actual per budget line and per heading. Amounts in the
 * maps under an id that is not among `budgetLines` are left out.
 */
export function budgetVsActual(
  budgetLines: readonly PlannedBudgetLine[],
  admittedByBudgetLine: ReadonlyMap<number, number>,
  claimedByBudgetLine: ReadonlyMap<number, number>,
  flexibilityBp = 2500
): BudgetVsActual {
  if (!Number.isSafeInteger(flexibilityBp) || flexibilityBp < 0) {
    throw new RangeError(
      `The flexibility limit must be non-negative basis points: ${flexibilityBp}`
    )
  }
  const perHeading = new Map<BudgetHeading, Planned>()
  const total: Planned = { planned: 0n, claimed: 0n, admitted: 0n }

  const lines = budgetLines.map((line): BudgetVsActualLine => {
    if (!budgetHeadings.includes(line.heading)) {
      throw new RangeError(`Budget line ${line.id}: unknown heading "${line.heading}"`)
    }
    const amounts: Planned = {
      planned: BigInt(nonNegative(line.totalCents, `total of budget line ${line.id}`)),
      claimed: BigInt(
        nonNegative(claimedByBudgetLine.get(line.id) ?? 0, `claims on budget line ${line.id}`)
      ),
      admitted: BigInt(
        nonNegative(admittedByBudgetLine.get(line.id) ?? 0, `admitted on budget line ${line.id}`)
      ),
    }
    const heading = perHeading.get(line.heading) ?? { planned: 0n, claimed: 0n, admitted: 0n }
    for (const target of [heading, total]) {
      target.planned += amounts.planned
      target.claimed += amounts.claimed
      target.admitted += amounts.admitted
    }
    perHeading.set(line.heading, heading)
    return { id: line.id, heading: line.heading, label: line.label, ...row(amounts) }
  })

  const factor = 10_000n + BigInt(flexibilityBp)
  const headings = budgetHeadings
    .filter((h) => perHeading.has(h))
    .map((heading): BudgetVsActualHeading => {
      const amounts = perHeading.get(heading)!
      return {
        heading,
        ...row(amounts),
        overFlexibility: amounts.admitted * 10_000n > factor * amounts.planned,
      }
    })

  return { lines, headings, total: row(total) }
}

interface Sums {
  claimed: bigint
  admitted: bigint
  unverified: bigint
}

interface Planned {
  planned: bigint
  claimed: bigint
  admitted: bigint
}

function sums(): Sums {
  return { claimed: 0n, admitted: 0n, unverified: 0n }
}

function cents(s: Sums): ClaimedAdmitted {
  return {
    claimedCents: toCents(s.claimed),
    admittedCents: toCents(s.admitted),
    unverifiedCents: toCents(s.unverified),
  }
}

function row({ planned, claimed, admitted }: Planned): BudgetVsActualRow {
  return {
    plannedCents: toCents(planned),
    claimedCents: toCents(claimed),
    admittedCents: toCents(admitted),
    remainingCents: toCents(planned - admitted),
    usedBp: planned === 0n ? null : toCents(divideFloor(admitted * 10_000n, planned)),
  }
}

function nonNegative(value: number, what: string) {
  const amount = toCents(value)
  if (amount < 0) throw new RangeError(`The ${what} must not be negative: ${amount}`)
  return amount
}
