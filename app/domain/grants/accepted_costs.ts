import type { BudgetHeading } from '#domain/budget/budget'
import { defaultBudgetRules, directHeadings } from '#domain/budget/budget'
import { divideFloor, toCents } from '#domain/money'

/**
 * Accepted costs at reporting and settlement (DOMAIN-RULES §3): of the
 * admitted amounts of approved expense reports,
 * - direct costs (headings 1–6) are accepted as admitted;
 * - indirect costs are accepted up to floor(7 % × accepted direct costs),
 *   checked exactly (`10 000 × indirect ≤ 700 × direct`); the excess is not
 *   accepted;
 * - costs booked on the contingency heading are accepted only up to the sum
 *   of approved contingency releases; the excess is not accepted;
 * - admitted amounts on no known budget line are accepted as admitted
 *   (the verifier has looked at them).
 * The cap base is the accepted direct costs of headings 1–6 only, as D is
 * defined in §3: accepted contingency does not raise it.
 *
 * Cumulative figures: pass every approved report's lines; the figures of
 * one report are the cumulative figures through it minus those before it
 * (see `acceptedInReport`), so the reports add up to the grant.
 */

export interface AdmittedLine {
  /** Null when the line names no known budget line. */
  heading: BudgetHeading | null
  /** Null (not verified yet) counts as 0. */
  admittedCents: number | null
}

export interface AcceptedCosts {
  /** Σ admitted on headings 1–6: accepted in full. */
  directCents: number
  /** Σ admitted on indirect costs. */
  indirectAdmittedCents: number
  /** floor(cap × accepted direct). */
  indirectCapCents: number
  indirectAcceptedCents: number
  /** Admitted indirect over the cap: not accepted. */
  indirectExcessCents: number
  /** Σ admitted on the contingency heading. */
  contingencyAdmittedCents: number
  /** Σ approved contingency releases. */
  contingencyReleasedCents: number
  contingencyAcceptedCents: number
  /** Admitted contingency beyond the approved releases: not accepted. */
  contingencyExcessCents: number
  /** Σ admitted on lines without a known budget line. */
  unassignedCents: number
  /** Σ admitted on every line. */
  admittedCents: number
  /** The accepted eligible costs: what settlement and E are computed on. */
  acceptedCents: number
  /** admitted − accepted. */
  notAcceptedCents: number
}

export function acceptedCosts(
  lines: readonly AdmittedLine[],
  releasedCents: number,
  indirectCapBp = defaultBudgetRules.indirectCapBp
): AcceptedCosts {
  if (!Number.isSafeInteger(indirectCapBp) || indirectCapBp < 0 || indirectCapBp > 10_000) {
    throw new RangeError(`The indirect cap must be basis points 0–10 000: ${indirectCapBp}`)
  }
  const released = BigInt(nonNegative(releasedCents, 'released contingency'))
  let direct = 0n
  let indirect = 0n
  let contingency = 0n
  let unassigned = 0n
  lines.forEach((line, index) => {
    const amount = BigInt(
      nonNegative(line.admittedCents ?? 0, `admitted amount of line ${index + 1}`)
    )
    if (line.heading === null) unassigned += amount
    else if (line.heading === 'indirect') indirect += amount
    else if (line.heading === 'contingency') contingency += amount
    else if (directHeadings.includes(line.heading)) direct += amount
    else throw new RangeError(`Line ${index + 1}: unknown heading "${String(line.heading)}"`)
  })
  const cap = divideFloor(direct * BigInt(indirectCapBp), 10_000n)
  const indirectAccepted = indirect < cap ? indirect : cap
  const contingencyAccepted = contingency < released ? contingency : released
  const admitted = direct + indirect + contingency + unassigned
  const accepted = direct + indirectAccepted + contingencyAccepted + unassigned
  return {
    directCents: toCents(direct),
    indirectAdmittedCents: toCents(indirect),
    indirectCapCents: toCents(cap),
    indirectAcceptedCents: toCents(indirectAccepted),
    indirectExcessCents: toCents(indirect - indirectAccepted),
    contingencyAdmittedCents: toCents(contingency),
    contingencyReleasedCents: toCents(released),
    contingencyAcceptedCents: toCents(contingencyAccepted),
    contingencyExcessCents: toCents(contingency - contingencyAccepted),
    unassignedCents: toCents(unassigned),
    admittedCents: toCents(admitted),
    acceptedCents: toCents(accepted),
    notAcceptedCents: toCents(admitted - accepted),
  }
}

/** The accepted costs of one report, as the difference of two cumulative figures. */
export interface ReportAcceptedCosts {
  /** Σ admitted on the report's lines. */
  admittedCents: number
  /** Indirect costs of the report not accepted (over the cumulative 7 % cap). */
  indirectExcessCents: number
  /** Contingency costs of the report not accepted (beyond the approved releases). */
  contingencyExcessCents: number
  /** admitted − the two excesses: what the report adds to the grant's accepted costs. */
  acceptedCents: number
  /** The grant's accepted costs through this report. */
  cumulative: AcceptedCosts
}

/**
 * The accepted costs of one report: the cumulative figures through it
 * minus those through the reports before it (both with the releases as
 * they stand), so that the reports always add up to the grant's figure. A
 * later report can raise the cap base and so accept indirect costs an
 * earlier report had over the cap: its excess is then negative.
 */
export function acceptedInReport(
  before: readonly AdmittedLine[],
  report: readonly AdmittedLine[],
  releasedCents: number,
  indirectCapBp = defaultBudgetRules.indirectCapBp
): ReportAcceptedCosts {
  const earlier = acceptedCosts(before, releasedCents, indirectCapBp)
  const through = acceptedCosts([...before, ...report], releasedCents, indirectCapBp)
  const admittedCents = through.admittedCents - earlier.admittedCents
  const indirectExcessCents = through.indirectExcessCents - earlier.indirectExcessCents
  const contingencyExcessCents = through.contingencyExcessCents - earlier.contingencyExcessCents
  return {
    admittedCents,
    indirectExcessCents,
    contingencyExcessCents,
    acceptedCents: through.acceptedCents - earlier.acceptedCents,
    cumulative: through,
  }
}

function nonNegative(value: number, what: string) {
  const cents = toCents(value)
  if (cents < 0) throw new RangeError(`The ${what} must not be negative: ${cents}`)
  return cents
}
