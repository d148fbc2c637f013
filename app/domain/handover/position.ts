import type { LicenceFacts } from '#domain/licences/licence'
import { addDays, daysBetween, isValidOn } from '#domain/licences/licence'
import { applyBasisPoints, divideFloor, toCents } from '#domain/money'

/**
 * The position of a shelter in a plan year (DOMAIN-RULES §10): need,
 * funding by source, realised state share, gap and the flags that call for
 * action. Dates are ISO calendar dates; `today` is always passed in.
 * Amounts are integer cents, shares basis points; comparisons with a target
 * are exact (`10 000 × funded < target × need`), never through a rounded share.
 */

export const fundingSources = [
  'state',
  'donor',
  'municipality',
  'other_donor',
  'own_income',
] as const
export type FundingSource = (typeof fundingSources)[number]

/** The sources entered by hand; `state` comes from transfers, `donor` from sub-grant payments. */
export const enteredSources = ['municipality', 'other_donor', 'own_income'] as const
export type EnteredSource = (typeof enteredSources)[number]

export const flagCodes = [
  'unlicensed',
  'donor_ends_before_target',
  'half_not_transferred',
  'not_fully_transferred',
  'under_committed',
  'late_first_transfer',
] as const
export type FlagCode = (typeof flagCodes)[number]

/** How much each flag weighs when shelters are sorted by risk. */
export const flagWeights: Record<FlagCode, number> = {
  unlicensed: 8,
  donor_ends_before_target: 4,
  half_not_transferred: 2,
  not_fully_transferred: 3,
  under_committed: 2,
  late_first_transfer: 1,
}

/** Rules of the flags, stored as data like every other default. */
export const flagRules = {
  /** From this day of the year, at least half of the year's commitment must have been transferred. */
  halfTransferredByMonthDay: '06-30',
  /** After this day of the year, the year's commitment must have been transferred in full. */
  fullyTransferredByMonthDay: '12-31',
  /** The first transfer of a year is late after this many days into the year. */
  firstTransferWithinDays: 30,
} as const

export interface Flag {
  code: FlagCode
  detail: Record<string, string | number | null>
}

export interface TransferFacts {
  transferredOn: string
  amountCents: number
}

export interface CommitmentFacts {
  id: number
  committedOn: string
  amountCents: number
  transfers: readonly TransferFacts[]
}

export interface ShelterYearFacts {
  year: number
  /** Null when unknown. */
  needCents: number | null
  /** Target state and municipal shares of the year (null when none). */
  targetStateShareBp: number | null
  targetMunicipalShareBp: number | null
  /** The share the handover ends at (the last year of the plan; 100 % by default). */
  fullTargetBp: number | null
  /** Sub-grant payments of the year less recoveries, computed from the ledger. */
  donorCents: number
  /** The last day a sub-grant of the shelter's organisation runs; null without sub-grants. */
  donorEndsOn: string | null
  commitments: readonly CommitmentFacts[]
  other: Record<EnteredSource, number>
  /** The shelter's licences for residential services (the organisation's own and the shelter's). */
  licences: readonly LicenceFacts[]
}

export interface Position {
  year: number
  needCents: number | null
  funding: Record<FundingSource, number> & { total: number }
  committedCents: number
  transferredCents: number
  /** floor(transferred × 10 000 / need); null without a need. */
  stateShareBp: number | null
  /** floor(committed × 10 000 / need); null without a need. */
  committedShareBp: number | null
  targetStateShareBp: number | null
  targetMunicipalShareBp: number | null
  /** need × target state share, rounded; null without either. */
  targetStateCents: number | null
  targetMunicipalCents: number | null
  /** need − all funding (negative: more than the need); null without a need. */
  gapCents: number | null
  /** max(0, gap): what nobody funds; null without a need. */
  shortfallCents: number | null
  /** max(0, −gap): funding above the need; null without a need. Never offsets another shelter. */
  surplusCents: number | null
  flags: Flag[]
}

function sum(values: readonly number[]) {
  return toCents(values.reduce((total, value) => total + BigInt(toCents(value)), 0n))
}

function shareBp(part: number, whole: number | null) {
  if (whole === null || whole <= 0) return null
  return toCents(divideFloor(BigInt(part) * 10_000n, BigInt(whole)))
}

/** 10 000 × funded < shareBp × need, exactly. */
function below(fundedCents: number, shareBpValue: number, needCents: number) {
  return BigInt(fundedCents) * 10_000n < BigInt(shareBpValue) * BigInt(needCents)
}

export function transferDeadline(year: number) {
  return addDays(`${year}-01-01`, flagRules.firstTransferWithinDays)
}

export function halfTransferredCheckDay(year: number) {
  return `${year}-${flagRules.halfTransferredByMonthDay}`
}

export function fullyTransferredCheckDay(year: number) {
  return `${year}-${flagRules.fullyTransferredByMonthDay}`
}

/**
 * The flags of one shelter and year:
 * - `unlicensed`: for the current and later years, no active licence for
 *   residential services today; for earlier years, a state transfer was
 *   made on a day without one;
 * - `donor_ends_before_target`: the sub-grants end before the end of the
 *   year and state funding (committed or transferred, whichever is more)
 *   is below the share the handover ends at;
 * - `half_not_transferred`: from 30 June (that day included), less than half
 *   of the year's commitment has been transferred (`2 × transferred <
 *   committed`, counting the transfers dated up to today);
 * - `not_fully_transferred`: after 31 December, any part of the year's
 *   commitment is not transferred;
 * - `under_committed`: state funding committed or transferred is below the
 *   year's target share of the need;
 * - `late_first_transfer`: state funding is committed or transferred and the
 *   first transfer came (or, still missing, is due) later than 30 days
 *   into the year, that is after 31 January (1 January + 30 days).
 * `today` is the calendar date in Europe/Belgrade, passed in.
 */
export function flagsFor(facts: ShelterYearFacts, today: string): Flag[] {
  const flags: Flag[] = []
  const { year } = facts
  const transfers = facts.commitments
    .flatMap((c) => c.transfers)
    .sort((a, b) => a.transferredOn.localeCompare(b.transferredOn))
  const committed = sum(facts.commitments.map((c) => c.amountCents))
  const transferred = sum(transfers.map((t) => t.amountCents))
  const stateCovered = Math.max(committed, transferred)
  const licensedOn = (day: string) => facts.licences.some((l) => isValidOn(l, day))
  const need = facts.needCents

  const thisYear = Number(today.slice(0, 4))
  if (year >= thisYear) {
    if (!licensedOn(today)) flags.push({ code: 'unlicensed', detail: { on: today } })
  } else {
    const unlicensed = transfers.find((t) => !licensedOn(t.transferredOn))
    if (unlicensed) {
      flags.push({ code: 'unlicensed', detail: { on: unlicensed.transferredOn } })
    }
  }

  if (
    facts.donorEndsOn !== null &&
    facts.donorEndsOn < `${year}-12-31` &&
    Number(facts.donorEndsOn.slice(0, 4)) <= year &&
    facts.fullTargetBp !== null &&
    need !== null &&
    need > 0 &&
    below(stateCovered, facts.fullTargetBp, need)
  ) {
    flags.push({
      code: 'donor_ends_before_target',
      detail: {
        donorEndsOn: facts.donorEndsOn,
        targetBp: facts.fullTargetBp,
        stateShareBp: shareBp(stateCovered, need),
      },
    })
  }

  /* What was transferred by today: a transfer dated later has not happened yet. */
  const transferredByToday = sum(
    transfers.filter((t) => t.transferredOn <= today).map((t) => t.amountCents)
  )
  const halfDay = halfTransferredCheckDay(year)
  if (committed > 0 && today >= halfDay && 2n * BigInt(transferredByToday) < BigInt(committed)) {
    flags.push({
      code: 'half_not_transferred',
      detail: {
        by: halfDay,
        committedCents: committed,
        transferredCents: transferredByToday,
      },
    })
  }
  const fullDay = fullyTransferredCheckDay(year)
  if (committed > 0 && today > fullDay && transferredByToday < committed) {
    flags.push({
      code: 'not_fully_transferred',
      detail: {
        by: fullDay,
        committedCents: committed,
        transferredCents: transferredByToday,
        missingCents: committed - transferredByToday,
      },
    })
  }

  if (
    facts.targetStateShareBp !== null &&
    need !== null &&
    need > 0 &&
    below(stateCovered, facts.targetStateShareBp, need)
  ) {
    flags.push({
      code: 'under_committed',
      detail: {
        targetBp: facts.targetStateShareBp,
        committedShareBp: shareBp(stateCovered, need),
        missingCents: applyBasisPoints(need, facts.targetStateShareBp) - stateCovered,
      },
    })
  }

  const deadline = transferDeadline(year)
  if (facts.commitments.length > 0) {
    const first = transfers[0]?.transferredOn ?? null
    const late = first === null ? today > deadline : first > deadline
    if (late) {
      flags.push({
        code: 'late_first_transfer',
        detail: {
          deadline,
          firstTransferOn: first,
          daysLate: daysBetween(deadline, first ?? today),
        },
      })
    }
  }
  return flags
}

/** Need, funding by source, realised state share, gap and flags of one shelter and year. */
export function positionFor(facts: ShelterYearFacts, today: string): Position {
  const transfers = facts.commitments.flatMap((c) => c.transfers)
  const committed = sum(facts.commitments.map((c) => c.amountCents))
  const transferred = sum(transfers.map((t) => t.amountCents))
  const funding = {
    state: transferred,
    donor: toCents(facts.donorCents),
    municipality: toCents(facts.other.municipality),
    other_donor: toCents(facts.other.other_donor),
    own_income: toCents(facts.other.own_income),
  }
  const total = sum(Object.values(funding))
  const need = facts.needCents
  const gap = need === null ? null : toCents(BigInt(need) - BigInt(total))
  return {
    year: facts.year,
    needCents: need,
    funding: { ...funding, total },
    committedCents: committed,
    transferredCents: transferred,
    stateShareBp: shareBp(transferred, need),
    committedShareBp: shareBp(committed, need),
    targetStateShareBp: facts.targetStateShareBp,
    targetMunicipalShareBp: facts.targetMunicipalShareBp,
    targetStateCents:
      need === null || facts.targetStateShareBp === null
        ? null
        : applyBasisPoints(need, facts.targetStateShareBp),
    targetMunicipalCents:
      need === null || facts.targetMunicipalShareBp === null
        ? null
        : applyBasisPoints(need, facts.targetMunicipalShareBp),
    gapCents: gap,
    shortfallCents: gap === null ? null : Math.max(0, gap),
    surplusCents: gap === null ? null : Math.max(0, -gap),
    flags: flagsFor(facts, today),
  }
}

export function riskScore(position: Pick<Position, 'flags'>) {
  return position.flags.reduce((score, flag) => score + flagWeights[flag.code], 0)
}

/** gap × 10 000 / need, floored; the part of the need nobody funds (negative: a surplus). */
export function gapShareBp(position: Pick<Position, 'gapCents' | 'needCents'>) {
  if (position.gapCents === null || position.needCents === null || position.needCents <= 0) {
    return null
  }
  return toCents(divideFloor(BigInt(position.gapCents) * 10_000n, BigInt(position.needCents)))
}

/**
 * Shelters by risk: the weight of their flags, then the share of the need
 * left unfunded (unknown need after known), then the name.
 */
export function byRisk<T extends { name: string; position: Position }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    const score = riskScore(b.position) - riskScore(a.position)
    if (score !== 0) return score
    const gapA = gapShareBp(a.position)
    const gapB = gapShareBp(b.position)
    if (gapA !== gapB) {
      if (gapA === null) return 1
      if (gapB === null) return -1
      return gapB - gapA
    }
    return a.name.localeCompare(b.name)
  })
}

export interface NationalPosition {
  year: number
  shelters: number
  /** Σ need of the shelters whose need is known. */
  needCents: number
  sheltersWithoutNeed: number
  funding: Record<FundingSource, number> & { total: number }
  committedCents: number
  transferredCents: number
  targetStateCents: number
  /**
   * The national gap: Σ of the shelters' shortfalls (max(0, need − funding))
   * over the shelters whose need is known. A surplus never offsets another
   * shelter's gap.
   */
  gapCents: number
  /** Σ of the shelters' surpluses, shown apart. */
  surplusCents: number
  /** How many shelters have a shortfall, and how many a surplus. */
  sheltersShort: number
  sheltersInSurplus: number
  /** Σ transferred / Σ need over the shelters whose need is known. */
  stateShareBp: number | null
  flagged: Record<FlagCode, number>
}

/** The national view: the sum of every shelter's position in the year. */
export function nationalPosition(year: number, positions: readonly Position[]): NationalPosition {
  const known = positions.filter((p) => p.needCents !== null)
  const needCents = sum(known.map((p) => p.needCents!))
  const funding = Object.fromEntries(
    fundingSources.map((source) => [source, sum(positions.map((p) => p.funding[source]))])
  ) as Record<FundingSource, number>
  return {
    year,
    shelters: positions.length,
    needCents,
    sheltersWithoutNeed: positions.length - known.length,
    funding: { ...funding, total: sum(positions.map((p) => p.funding.total)) },
    committedCents: sum(positions.map((p) => p.committedCents)),
    transferredCents: sum(positions.map((p) => p.transferredCents)),
    targetStateCents: sum(positions.map((p) => p.targetStateCents ?? 0)),
    gapCents: sum(known.map((p) => p.shortfallCents!)),
    surplusCents: sum(known.map((p) => p.surplusCents!)),
    sheltersShort: known.filter((p) => p.shortfallCents! > 0).length,
    sheltersInSurplus: known.filter((p) => p.surplusCents! > 0).length,
    stateShareBp: shareBp(sum(known.map((p) => p.transferredCents)), needCents),
    flagged: Object.fromEntries(
      flagCodes.map((code) => [
        code,
        positions.filter((p) => p.flags.some((f) => f.code === code)).length,
      ])
    ) as Record<FlagCode, number>,
  }
}
