import { divideFloor, divideRoundHalfUp, toCents } from '#domain/money'

/**
 * PRAG Annex III budget (DOMAIN-RULES §3): line totals, heading subtotals,
 * direct (D), indirect (I), contingency (C) and total eligible costs (TEC),
 * the maximum funder contribution, co-financing, and every cap the budget
 * must respect. All amounts are integer cents; sums and products run in
 * BigInt and come back as safe integers (or throw).
 */

export const budgetHeadings = [
  'human_resources',
  'travel',
  'equipment_supplies',
  'local_office',
  'other_costs_services',
  'other',
  'indirect',
  'contingency',
] as const
export type BudgetHeading = (typeof budgetHeadings)[number]

/** Headings 1–6: their lines make up the direct eligible costs (D). */
export const directHeadings: readonly BudgetHeading[] = budgetHeadings.slice(0, 6)

export interface BudgetLineInput {
  heading: BudgetHeading
  label: string
  unit: string
  /** Decimal string with up to 2 decimals, e.g. "12", "0.5", "2.25". */
  quantity: string
  unitCostCents: number
  /** Third party receiving financial support (FSTP, line 6.3); null or empty for none. */
  thirdParty?: string | null
}

/** Defaults are data (stored on the call); these are only the fallbacks. */
export interface BudgetRules {
  /** Maximum funder share of TEC, in basis points (9500 = 95 %). */
  maxFunderShareBp: number
  /** I ≤ indirectCapBp of D (700 = 7 %). */
  indirectCapBp: number
  /** C ≤ contingencyCapBp of D (500 = 5 %). */
  contingencyCapBp: number
  /** Financial support per third party, summed over its lines. */
  maxPerThirdPartyCents: number
  /** Co-financing (TEC − F) ≥ cofinancingMinBp of TEC (500 = 5 %); unchecked when absent. */
  cofinancingMinBp?: number | null
  minGrantCents?: number | null
  maxGrantCents?: number | null
}

export const defaultBudgetRules: BudgetRules = {
  maxFunderShareBp: 9500,
  indirectCapBp: 700,
  contingencyCapBp: 500,
  maxPerThirdPartyCents: 6_000_000,
  minGrantCents: null,
  maxGrantCents: null,
}

export type BudgetViolationCode =
  | 'INDIRECT_OVER_CAP'
  | 'CONTINGENCY_OVER_CAP'
  | 'FUNDER_OVER_MAX_SHARE'
  | 'COFINANCING_BELOW_MIN'
  | 'THIRD_PARTY_OVER_CAP'
  | 'BELOW_MIN_GRANT'
  | 'ABOVE_MAX_GRANT'
  | 'REQUEST_CHANGED_OVER_LIMIT'

/** Every code the budget rules raise (each has a sentence in three languages). */
export const budgetViolationCodes: readonly BudgetViolationCode[] = [
  'INDIRECT_OVER_CAP',
  'CONTINGENCY_OVER_CAP',
  'FUNDER_OVER_MAX_SHARE',
  'COFINANCING_BELOW_MIN',
  'THIRD_PARTY_OVER_CAP',
  'BELOW_MIN_GRANT',
  'ABOVE_MAX_GRANT',
  'REQUEST_CHANGED_OVER_LIMIT',
]

export interface BudgetViolation {
  code: BudgetViolationCode
  /** Plain English, amounts formatted like `1,052,631.58 EUR`. */
  message: string
  thirdParty?: string
  /** The figures of the message (cents, basis points), for translated sentences. */
  params: Record<string, number | string>
}

export interface BudgetResult {
  /** One total per input line, in input order. */
  lineTotalsCents: number[]
  headings: Record<BudgetHeading, number>
  directCents: number
  indirectCents: number
  contingencyCents: number
  totalEligibleCents: number
  /** floor(TEC × maxFunderShareBp / 10 000). */
  maxFunderCents: number
  /** The requested amount, or the maximum when nothing was requested. */
  funderCents: number
  cofinancingCents: number
  /** Co-financing / TEC in basis points, rounded half up (0 when TEC is 0). */
  cofinancingShareBp: number
  /** Summed line totals per third party, in order of first appearance. */
  thirdParties: Record<string, number>
  violations: BudgetViolation[]
}

const QUANTITY = /^(\d+)(?:\.(\d{1,2}))?$/

/**
 * A quantity as integer hundredths: "2.25" → 225, "3" → 300, "0.5" → 50.
 * Throws RangeError on a negative, non-numeric or over-precise quantity.
 */
export function parseQuantity(quantity: string): number {
  const text = typeof quantity === 'string' ? quantity.trim() : ''
  if (text.startsWith('-')) throw new RangeError(`Quantity must not be negative: "${quantity}"`)
  const match = QUANTITY.exec(text)
  if (!match) {
    throw new RangeError(
      `Not a quantity with at most 2 decimals: "${typeof quantity === 'string' ? quantity : String(quantity)}"`
    )
  }
  const hundredths = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
  if (hundredths > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Quantity out of range: "${quantity}"`)
  }
  return Number(hundredths)
}

/** round(quantity × unit cost), half up, to the cent. */
export function lineTotalCents(quantity: string, unitCostCents: number): number {
  const cost = toCents(unitCostCents)
  if (cost < 0) throw new RangeError(`Unit cost must not be negative: ${unitCostCents}`)
  const hundredths = BigInt(parseQuantity(quantity))
  return toCents(divideRoundHalfUp(hundredths * BigInt(cost), 100n))
}

export function computeBudget(
  lines: readonly BudgetLineInput[],
  rules: BudgetRules,
  requestedFunderCents?: number | null,
  conceptNoteFunderCents?: number | null,
  maxChangeBp = 2000
): BudgetResult {
  const maxFunderShareBp = basisPoints(rules.maxFunderShareBp, 'maxFunderShareBp')
  const indirectCapBp = basisPoints(rules.indirectCapBp, 'indirectCapBp')
  const contingencyCapBp = basisPoints(rules.contingencyCapBp, 'contingencyCapBp')
  const changeBp = basisPoints(maxChangeBp, 'maxChangeBp')
  const cofinancingMinBp =
    rules.cofinancingMinBp === null || rules.cofinancingMinBp === undefined
      ? null
      : basisPoints(rules.cofinancingMinBp, 'cofinancingMinBp')
  const maxPerThirdParty = nonNegativeCents(rules.maxPerThirdPartyCents, 'maxPerThirdPartyCents')
  const minGrant = optionalCents(rules.minGrantCents, 'minGrantCents')
  const maxGrant = optionalCents(rules.maxGrantCents, 'maxGrantCents')
  const requested = optionalCents(requestedFunderCents, 'requestedFunderCents')
  const conceptNote = optionalCents(conceptNoteFunderCents, 'conceptNoteFunderCents')

  const headingSums = new Map<BudgetHeading, bigint>(budgetHeadings.map((h) => [h, 0n]))
  const thirdPartySums = new Map<string, bigint>()
  const lineTotalsCents = lines.map((line, index) => {
    if (!headingSums.has(line.heading)) {
      throw new RangeError(`Line ${index + 1}: unknown budget heading "${String(line.heading)}"`)
    }
    const total = lineTotalCents(line.quantity, line.unitCostCents)
    headingSums.set(line.heading, headingSums.get(line.heading)! + BigInt(total))
    if (line.thirdParty !== null && line.thirdParty !== undefined && line.thirdParty !== '') {
      thirdPartySums.set(
        line.thirdParty,
        (thirdPartySums.get(line.thirdParty) ?? 0n) + BigInt(total)
      )
    }
    return total
  })

  const headings = Object.fromEntries(
    budgetHeadings.map((h) => [h, toCents(headingSums.get(h)!)])
  ) as Record<BudgetHeading, number>
  const direct = directHeadings.reduce((sum, h) => sum + headingSums.get(h)!, 0n)
  const indirect = headingSums.get('indirect')!
  const contingency = headingSums.get('contingency')!
  const tec = direct + indirect + contingency
  const maxFunder = divideFloor(tec * BigInt(maxFunderShareBp), 10_000n)
  const funder = requested === null ? maxFunder : BigInt(requested)
  const cofinancing = tec - funder
  // A request above TEC (refused below as over the maximum share) would give a share far
  // beyond −100 %; it is shown as −100 % so that the figure stays a number.
  const exactShareBp = tec === 0n ? 0n : divideRoundHalfUp(cofinancing * 10_000n, tec)
  const cofinancingShareBp = exactShareBp < -10_000n ? -10_000n : exactShareBp

  const violations: BudgetViolation[] = []
  if (indirect * 10_000n > BigInt(indirectCapBp) * direct) {
    violations.push({
      code: 'INDIRECT_OVER_CAP',
      params: {
        indirectCents: toCents(indirect),
        capBp: indirectCapBp,
        directCents: toCents(direct),
        maxCents: toCents(divideFloor(direct * BigInt(indirectCapBp), 10_000n)),
      },
      message:
        `Indirect costs of ${formatAmount(indirect)} exceed ${formatPercent(indirectCapBp)} ` +
        `of direct costs of ${formatAmount(direct)} ` +
        `(at most ${formatAmount(divideFloor(direct * BigInt(indirectCapBp), 10_000n))}).`,
    })
  }
  if (contingency * 10_000n > BigInt(contingencyCapBp) * direct) {
    violations.push({
      code: 'CONTINGENCY_OVER_CAP',
      params: {
        contingencyCents: toCents(contingency),
        capBp: contingencyCapBp,
        directCents: toCents(direct),
        maxCents: toCents(divideFloor(direct * BigInt(contingencyCapBp), 10_000n)),
      },
      message:
        `The contingency reserve of ${formatAmount(contingency)} exceeds ` +
        `${formatPercent(contingencyCapBp)} of direct costs of ${formatAmount(direct)} ` +
        `(at most ${formatAmount(divideFloor(direct * BigInt(contingencyCapBp), 10_000n))}).`,
    })
  }
  if (funder > maxFunder) {
    violations.push({
      code: 'FUNDER_OVER_MAX_SHARE',
      params: {
        funderCents: toCents(funder),
        maxCents: toCents(maxFunder),
        shareBp: maxFunderShareBp,
        tecCents: toCents(tec),
      },
      message:
        `The funder contribution of ${formatAmount(funder)} exceeds the maximum of ` +
        `${formatAmount(maxFunder)} (${formatPercent(maxFunderShareBp)} of total eligible ` +
        `costs of ${formatAmount(tec)}).`,
    })
  }
  /* Exact in integers: (TEC − F) × 10 000 ≥ min × TEC. */
  if (cofinancingMinBp !== null && cofinancing * 10_000n < BigInt(cofinancingMinBp) * tec) {
    const minCofinancing = tec * BigInt(cofinancingMinBp)
    const minCents = (minCofinancing + 9_999n) / 10_000n
    violations.push({
      code: 'COFINANCING_BELOW_MIN',
      params: {
        cofinancingCents: toCents(cofinancing),
        minBp: cofinancingMinBp,
        minCents: toCents(minCents),
        tecCents: toCents(tec),
      },
      message:
        `Co-financing of ${formatAmount(cofinancing)} is below the minimum of ` +
        `${formatPercent(cofinancingMinBp)} of total eligible costs of ${formatAmount(tec)} ` +
        `(at least ${formatAmount(minCents)}).`,
    })
  }
  for (const [thirdParty, sum] of thirdPartySums) {
    if (sum > BigInt(maxPerThirdParty)) {
      violations.push({
        code: 'THIRD_PARTY_OVER_CAP',
        params: { thirdParty, totalCents: toCents(sum), maxCents: maxPerThirdParty },
        message:
          `Financial support to ${thirdParty} of ${formatAmount(sum)} exceeds the maximum of ` +
          `${formatAmount(maxPerThirdParty)} per third party.`,
        thirdParty,
      })
    }
  }
  if (minGrant !== null && funder < BigInt(minGrant)) {
    violations.push({
      code: 'BELOW_MIN_GRANT',
      params: { funderCents: toCents(funder), minCents: minGrant },
      message:
        `The funder contribution of ${formatAmount(funder)} is below the call's minimum ` +
        `grant of ${formatAmount(minGrant)}.`,
    })
  }
  if (maxGrant !== null && funder > BigInt(maxGrant)) {
    violations.push({
      code: 'ABOVE_MAX_GRANT',
      params: { funderCents: toCents(funder), maxCents: maxGrant },
      message:
        `The funder contribution of ${formatAmount(funder)} is above the call's maximum ` +
        `grant of ${formatAmount(maxGrant)}.`,
    })
  }
  if (conceptNote !== null) {
    const noted = BigInt(conceptNote)
    const change = funder > noted ? funder - noted : noted - funder
    if (change * 10_000n > BigInt(changeBp) * noted) {
      violations.push({
        code: 'REQUEST_CHANGED_OVER_LIMIT',
        params: {
          funderCents: toCents(funder),
          conceptNoteCents: conceptNote,
          changeCents: toCents(change),
          limitBp: changeBp,
        },
        message:
          `The funder contribution of ${formatAmount(funder)} differs from the concept note's ` +
          `${formatAmount(noted)} by ${formatAmount(change)}, more than ` +
          `${formatPercent(changeBp)} of the concept-note amount.`,
      })
    }
  }

  return {
    lineTotalsCents,
    headings,
    directCents: toCents(direct),
    indirectCents: toCents(indirect),
    contingencyCents: toCents(contingency),
    totalEligibleCents: toCents(tec),
    maxFunderCents: toCents(maxFunder),
    funderCents: toCents(funder),
    cofinancingCents: toCents(cofinancing),
    cofinancingShareBp: toCents(cofinancingShareBp),
    thirdParties: Object.fromEntries(
      [...thirdPartySums].map(([name, sum]) => [name, toCents(sum)])
    ),
    violations,
  }
}

function basisPoints(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer number of basis points: ${value}`)
  }
  return value
}

function nonNegativeCents(value: number, name: string): number {
  const cents = toCents(value)
  if (cents < 0) throw new RangeError(`${name} must not be negative: ${value}`)
  return cents
}

function optionalCents(value: number | null | undefined, name: string): number | null {
  return value === null || value === undefined ? null : nonNegativeCents(value, name)
}

/** `105263158` → `1,052,631.58 EUR` (messages only). */
function formatAmount(cents: bigint | number): string {
  const whole = BigInt(cents)
  const magnitude = whole < 0n ? -whole : whole
  const units = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fraction = (magnitude % 100n).toString().padStart(2, '0')
  return `${whole < 0n ? '-' : ''}${units}.${fraction} EUR`
}

/** `700` → `7 %`, `750` → `7.5 %`. */
function formatPercent(bp: number): string {
  const fraction = (bp % 100).toString().padStart(2, '0').replace(/0+$/, '')
  return `${Math.floor(bp / 100)}${fraction ? `.${fraction}` : ''} %`
}
