import type { BudgetHeading } from '#domain/budget/budget'
import { headingFlexibilityLimitCents } from '#domain/grants/budget_changes'
import { toCents } from '#domain/money'

/**
 * The automatic eligibility checks on expense lines (DOMAIN-RULES §6). A
 * flag is a question for the verifier, not a verdict: the verifier still
 * sets the admitted amount of every line. Lines without flags may be
 * accepted in bulk.
 *
 * Dates are ISO `YYYY-MM-DD` strings (compared as text, which orders them);
 * amounts are integer cents; the heading limit is compared exactly:
 * `10 000 × claimed > (10 000 + flexibility bp) × budget`.
 */

export const eligibilityFlagCodes = [
  'OUTSIDE_PERIOD',
  'NO_RECEIPT',
  'RECOVERABLE_VAT',
  'UNKNOWN_BUDGET_LINE',
  'HEADING_OVER_LIMIT',
  'MISSING_EXCHANGE_RATE',
  'DUPLICATE_RECEIPT',
  'RATE_NOT_INFOREURO',
  'NO_INFOREURO_RATE',
  'KOSOVO_VAT_INCLUDED',
  'CONTINGENCY_NOT_RELEASED',
] as const
export type EligibilityFlagCode = (typeof eligibilityFlagCodes)[number]

/**
 * How VAT appears on the receipt. EU-funded NGO purchases in Kosovo are
 * VAT-exempt, so a line including recoverable VAT is flagged (record net).
 */
export const vatTreatments = [
  'exempt',
  'not_applicable',
  'recoverable_included',
  'non_recoverable_included',
] as const
export type VatTreatment = (typeof vatTreatments)[number]

/** Default flexibility of a heading over its budget: 25 %. */
export const defaultFlexibilityBp = 2500

export interface EligibilityLine {
  key: string | number
  /** YYYY-MM-DD. */
  spentOn: string
  supplier: string
  receiptNumber: string | null
  hasReceipt: boolean
  vat: VatTreatment
  budgetLineId: number | null
  heading: BudgetHeading | null
  /** ISO code, e.g. `EUR`, `RSD`. */
  currency: string
  /** The grantee's rate in micro-units of the currency per 1 EUR; null when none. */
  rateMicro: number | null
  /** The InforEuro table's rate of the month of `spentOn`; null when the table lacks it. */
  inforEuroRateMicro: number | null
  /** ISO 3166 alpha-2 of the supplier; XK is Kosovo. */
  supplierCountry: string
  /** In EUR; for a non-EUR line with a rate, already converted. */
  claimedCents: number
  /** In the line's own currency. */
  amountCents: number
  /** The verifier accepts late final audit, evaluation and report costs on the line's budget line. */
  lateCostAllowed: boolean
}

export interface EarlierReceipt {
  supplier: string
  receiptNumber: string
  amountCents: number
}

export interface EligibilityContext {
  implementationStartsOn: string
  implementationEndsOn: string
  /**
   * The reporting period. Informative only: a cost inside the
   * implementation period but before this reporting period (not claimed
   * before) is not flagged.
   */
  periodStartsOn: string
  periodEndsOn: string
  /** The BASELINE heading amounts (as signed or last amended by addendum), never the current budget. */
  headingBudgetCents: Partial<Record<BudgetHeading, number>>
  /** Contingency released into each heading by approved releases: added to its limit. */
  headingReleasedCents?: Partial<Record<BudgetHeading, number>>
  /** Admitted in earlier reports, per heading. */
  headingClaimedBeforeCents: Partial<Record<BudgetHeading, number>>
  /** Default 2500 (25 %). */
  flexibilityBp?: number
  /** Receipts of earlier reports, for duplicates. */
  earlierReceipts?: readonly EarlierReceipt[]
  /**
   * Σ approved contingency releases (DOMAIN-RULES §3); 0 when none. Costs
   * booked on the contingency heading beyond it are flagged.
   */
  contingencyReleasedCents?: number
}

/**
 * The facts behind a flag, as parameters for a translated message (amounts
 * in cents, dates as YYYY-MM-DD):
 * - OUTSIDE_PERIOD: `spentOn`, `side` ('before' | 'after'), `startsOn`, `endsOn`;
 * - HEADING_OVER_LIMIT: `heading`, `cumulativeCents` (earlier reports + this
 *   report up to and including the line, in date order), `limitCents`
 *   (floor(budget × (10 000 + bp) / 10 000)), `budgetCents`, `flexibilityBp`;
 * - MISSING_EXCHANGE_RATE: `currency`;
 * - DUPLICATE_RECEIPT: `lines` (keys of the other lines of this report with
 *   the same receipt, comma separated, '' for none) and `earlierReport` (1
 *   when an earlier report has it, else 0).
 * - CONTINGENCY_NOT_RELEASED: `cumulativeCents` (admitted on contingency in
 *   earlier reports + this report's contingency lines up to and including
 *   the line, in date order) and `releasedCents`.
 * NO_RECEIPT, RECOVERABLE_VAT and UNKNOWN_BUDGET_LINE carry no detail.
 */
export type EligibilityDetail = Record<string, string | number>

export interface EligibilityFlag {
  code: EligibilityFlagCode
  detail?: EligibilityDetail
}

/** Lines handled between two steps of `eligibilitySteps`. */
const linesPerStep = 2_000

/**
 * The flags of every line, in the order of `lines`; each line's flags are
 * in the order of `eligibilityFlagCodes`.
 */
export function eligibilityFlags(
  lines: readonly EligibilityLine[],
  context: EligibilityContext
): EligibilityFlag[][] {
  const steps = eligibilitySteps(lines, context)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * The same flags as `eligibilityFlags`, computed a few thousand lines at a
 * time with `pause()` awaited between two steps: a 50 000-line import
 * takes about a second of CPU here, which a web process must not spend in
 * one go (ADR 0032). The result is the same, step by step or at once.
 */
export async function eligibilityFlagsInSteps(
  lines: readonly EligibilityLine[],
  context: EligibilityContext,
  pause: () => Promise<unknown>
): Promise<EligibilityFlag[][]> {
  const steps = eligibilitySteps(lines, context)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await pause()
  }
}

/** Yields after every `linesPerStep` lines of a loop; returns the flags. */
function* eligibilitySteps(
  lines: readonly EligibilityLine[],
  context: EligibilityContext
): Generator<void, EligibilityFlag[][]> {
  const startsOn = isoDate(context.implementationStartsOn, 'implementationStartsOn')
  const endsOn = isoDate(context.implementationEndsOn, 'implementationEndsOn')
  isoDate(context.periodStartsOn, 'periodStartsOn')
  isoDate(context.periodEndsOn, 'periodEndsOn')
  const flexibilityBp = context.flexibilityBp ?? defaultFlexibilityBp
  if (!Number.isSafeInteger(flexibilityBp) || flexibilityBp < 0) {
    throw new RangeError(
      `The flexibility limit must be non-negative basis points: ${flexibilityBp}`
    )
  }
  for (const [index, line] of lines.entries()) {
    isoDate(line.spentOn, `line ${index + 1} date`)
    nonNegative(line.claimedCents, `claimed amount of line ${index + 1}`)
    toCents(line.amountCents)
    if ((index + 1) % linesPerStep === 0) yield
  }
  yield

  const overLimit = yield* headingOverLimit(lines, context, flexibilityBp)
  const duplicates = yield* duplicateReceipts(lines, context.earlierReceipts ?? [])
  const beyondReleases = yield* contingencyBeyondReleases(lines, context)

  const all: EligibilityFlag[][] = []
  for (const [index, line] of lines.entries()) {
    const flags: EligibilityFlag[] = []
    const side =
      line.spentOn < startsOn
        ? 'before'
        : line.spentOn > endsOn && !line.lateCostAllowed
          ? 'after'
          : null
    if (side) {
      flags.push({
        code: 'OUTSIDE_PERIOD',
        detail: { spentOn: line.spentOn, side, startsOn, endsOn },
      })
    }
    if (!line.hasReceipt) flags.push({ code: 'NO_RECEIPT' })
    if (line.vat === 'recoverable_included') flags.push({ code: 'RECOVERABLE_VAT' })
    if (line.budgetLineId === null) flags.push({ code: 'UNKNOWN_BUDGET_LINE' })
    const over = overLimit.get(index)
    if (over) flags.push({ code: 'HEADING_OVER_LIMIT', detail: over })
    if (!hasEurAmount(line)) {
      flags.push({
        code: 'MISSING_EXCHANGE_RATE',
        detail: { currency: line.currency.trim().toUpperCase() },
      })
    }
    const duplicate = duplicates.get(index)
    if (duplicate) flags.push({ code: 'DUPLICATE_RECEIPT', detail: duplicate })
    flags.push(...inforEuroFlags(line))
    if (line.vat.endsWith('_included') && line.supplierCountry.trim().toUpperCase() === 'XK') {
      flags.push({ code: 'KOSOVO_VAT_INCLUDED' })
    }
    const beyond = beyondReleases.get(index)
    if (beyond) flags.push({ code: 'CONTINGENCY_NOT_RELEASED', detail: beyond })
    all.push(flags)
    if ((index + 1) % linesPerStep === 0) yield
  }
  return all
}

/** A line without flags may be accepted by the verifier in bulk. */
export function bulkAcceptable(flags: readonly EligibilityFlag[]) {
  return flags.length === 0
}

function hasEurAmount(line: EligibilityLine) {
  return (
    line.currency.trim().toUpperCase() === 'EUR' ||
    [line.rateMicro, line.inforEuroRateMicro].some(
      (rate) => rate !== null && Number.isSafeInteger(rate) && rate > 0
    )
  )
}

/**
 * A line in another currency: NO_INFOREURO_RATE (`currency`, `month`) when
 * the table lacks the month; RATE_NOT_INFOREURO (`currency`, `month`,
 * `rateMicro`, `inforEuroRateMicro`) when the grantee's rate differs.
 */
function inforEuroFlags(line: EligibilityLine): EligibilityFlag[] {
  const currency = line.currency.trim().toUpperCase()
  if (currency === 'EUR') return []
  const detail = { currency, month: line.spentOn.slice(0, 7) }
  if (line.inforEuroRateMicro === null) return [{ code: 'NO_INFOREURO_RATE', detail }]
  if (line.rateMicro === null || line.rateMicro === line.inforEuroRateMicro) return []
  return [
    {
      code: 'RATE_NOT_INFOREURO',
      detail: { ...detail, rateMicro: line.rateMicro, inforEuroRateMicro: line.inforEuroRateMicro },
    },
  ]
}

/**
 * Per heading, the lines in date order (ties in input order) add up to the
 * amount admitted before; from the line where the cumulative amount first
 * exceeds the limit onwards, every line of the heading is flagged. A line
 * without a euro amount (missing rate) adds nothing but is flagged when it
 * comes after the crossing. The limit floor(budget × (10 000 + bp) / 10 000)
 * is exact for the integer comparison.
 */
function* headingOverLimit(
  lines: readonly EligibilityLine[],
  context: EligibilityContext,
  flexibilityBp: number
): Generator<void, Map<number, EligibilityDetail>> {
  const flagged = new Map<number, EligibilityDetail>()
  const byHeading = new Map<BudgetHeading, number[]>()
  lines.forEach((line, index) => {
    if (line.heading === null) return
    const indexes = byHeading.get(line.heading)
    if (indexes) indexes.push(index)
    else byHeading.set(line.heading, [index])
  })
  for (const [heading, indexes] of byHeading) {
    const budget = BigInt(
      nonNegative(context.headingBudgetCents[heading] ?? 0, `budget of ${heading}`)
    )
    let cumulative = BigInt(
      nonNegative(context.headingClaimedBeforeCents[heading] ?? 0, `earlier claims on ${heading}`)
    )
    const limit = BigInt(
      headingFlexibilityLimitCents(
        Number(budget),
        context.headingReleasedCents?.[heading] ?? 0,
        flexibilityBp
      )
    )
    let crossed = false
    const ordered = [...indexes].sort((a, b) =>
      lines[a].spentOn === lines[b].spentOn ? a - b : lines[a].spentOn < lines[b].spentOn ? -1 : 1
    )
    yield
    for (const [step, index] of ordered.entries()) {
      if ((step + 1) % linesPerStep === 0) yield
      const line = lines[index]
      if (hasEurAmount(line)) cumulative += BigInt(line.claimedCents)
      if (!crossed && cumulative > limit) crossed = true
      if (crossed) {
        flagged.set(index, {
          heading,
          cumulativeCents: toCents(cumulative),
          limitCents: toCents(limit),
          budgetCents: toCents(budget),
          flexibilityBp,
        })
      }
    }
  }
  return flagged
}

/**
 * Lines on the contingency heading, in date order (ties in input order),
 * add up to what earlier reports admitted on it; from the line where the
 * cumulative amount first exceeds the approved releases onwards, every
 * contingency line is flagged.
 */
function* contingencyBeyondReleases(
  lines: readonly EligibilityLine[],
  context: EligibilityContext
): Generator<void, Map<number, EligibilityDetail>> {
  const flagged = new Map<number, EligibilityDetail>()
  const released = BigInt(
    nonNegative(context.contingencyReleasedCents ?? 0, 'released contingency')
  )
  let cumulative = BigInt(
    nonNegative(context.headingClaimedBeforeCents.contingency ?? 0, 'earlier claims on contingency')
  )
  const ordered = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.heading === 'contingency')
    .sort((a, b) =>
      a.line.spentOn === b.line.spentOn
        ? a.index - b.index
        : a.line.spentOn < b.line.spentOn
          ? -1
          : 1
    )
  yield
  let crossed = false
  for (const [step, { line, index }] of ordered.entries()) {
    if ((step + 1) % linesPerStep === 0) yield
    if (hasEurAmount(line)) cumulative += BigInt(line.claimedCents)
    if (!crossed && cumulative > released) crossed = true
    if (crossed) {
      flagged.set(index, {
        cumulativeCents: toCents(cumulative),
        releasedCents: toCents(released),
      })
    }
  }
  return flagged
}

/**
 * Lines sharing receipt number, supplier (both ignoring case and spaces)
 * and amount with another line of this report or a receipt of an earlier
 * report. Lines without a receipt number are not compared.
 */
const maxNamedDuplicates = 20

function* duplicateReceipts(
  lines: readonly EligibilityLine[],
  earlier: readonly EarlierReceipt[]
): Generator<void, Map<number, EligibilityDetail>> {
  const signature = (supplier: string, receiptNumber: string | null, amountCents: number) => {
    const number = normalise(receiptNumber ?? '')
    return number === '' ? null : `${number}\u0000${normalise(supplier)}\u0000${amountCents}`
  }
  const earlierSignatures = new Set(
    earlier
      .map((receipt) =>
        signature(receipt.supplier, receipt.receiptNumber, toCents(receipt.amountCents))
      )
      .filter((s): s is string => s !== null)
  )
  yield
  const inReport = new Map<string, number[]>()
  for (const [index, line] of lines.entries()) {
    if ((index + 1) % linesPerStep === 0) yield
    const s = signature(line.supplier, line.receiptNumber, line.amountCents)
    if (s === null) continue
    const indexes = inReport.get(s)
    if (indexes) indexes.push(index)
    else inReport.set(s, [index])
  }
  yield

  const flagged = new Map<number, EligibilityDetail>()
  let seen = 0
  for (const [s, indexes] of inReport) {
    seen += indexes.length
    if (seen >= linesPerStep) {
      seen = 0
      yield
    }
    const inEarlier = earlierSignatures.has(s)
    if (indexes.length < 2 && !inEarlier) continue
    // The first lines of a large group name each other; a file repeating one
    // receipt thousands of times must not make the details quadratic.
    const named = indexes.slice(0, maxNamedDuplicates + 1)
    for (const index of indexes) {
      const others = named
        .filter((other) => other !== index)
        .slice(0, maxNamedDuplicates)
        .map((other) => lines[other].key)
      const more = indexes.length - 1 - others.length
      flagged.set(index, {
        lines: others.join(', ') + (more > 0 ? ` and ${more} more` : ''),
        earlierReport: inEarlier ? 1 : 0,
      })
    }
  }
  return flagged
}

/** Case- and space-insensitive form: "INV 001" and " inv001 " are the same. */
function normalise(text: string) {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

function isoDate(value: string, what: string) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new RangeError(`The ${what} must be a date as YYYY-MM-DD: ${String(value)}`)
  }
  return value
}

function nonNegative(value: number, what: string) {
  const cents = toCents(value)
  if (cents < 0) throw new RangeError(`The ${what} must not be negative: ${cents}`)
  return cents
}
