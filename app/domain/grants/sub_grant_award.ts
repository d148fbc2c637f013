import type { Coverage } from '#domain/licences/coverage'

/**
 * Checks on awarding a sub-grant (financial support to a third party,
 * DOMAIN-RULES §3): the third party's total over every sub-grant under the
 * same lead grant (their current F, amendments included) within the
 * per-third-party cap, or within the approved exception's amount when the
 * lead grant's funder approved one; all sub-grants together within the
 * FSTP line; the shelter licensed for the whole sub-grant period, or its
 * renewal pending (which is recorded).
 */
export type SubGrantProblem =
  | {
      code: 'OVER_THIRD_PARTY_CAP'
      capCents: number
      /** The third party's F under the same lead grant before this sub-grant. */
      thirdPartyAwardedCents: number
      /** True when the ceiling is an approved exception's amount, not the call's cap. */
      isException: boolean
    }
  | { code: 'OVER_FSTP_LINE'; lineCents: number; committedCents: number }
  | { code: 'LICENCE_NOT_COVERING'; reason: string }

export interface SubGrantAwardFacts {
  amountCents: number
  capCents: number
  /** The largest approved exception for this third party under the lead grant, or null. */
  approvedExceptionCents: number | null
  fstpLineCents: number
  /** Sub-grants already awarded under the same lead grant, every third party. */
  committedCents: number
  /** Sub-grants already awarded to this same third party under the same lead grant. */
  thirdPartyAwardedCents: number
  coverage: Pick<Coverage, 'covered' | 'reasons' | 'renewalPending'>
}

/** The ceiling of one third party's total: the cap, or a larger approved exception. */
export function thirdPartyCeilingCents(capCents: number, approvedExceptionCents: number | null) {
  return approvedExceptionCents !== null && approvedExceptionCents > capCents
    ? approvedExceptionCents
    : capCents
}

export function subGrantAwardProblems(facts: SubGrantAwardFacts): SubGrantProblem[] {
  const problems: SubGrantProblem[] = []
  const ceiling = thirdPartyCeilingCents(facts.capCents, facts.approvedExceptionCents)
  if (BigInt(facts.thirdPartyAwardedCents) + BigInt(facts.amountCents) > BigInt(ceiling)) {
    problems.push({
      code: 'OVER_THIRD_PARTY_CAP',
      capCents: ceiling,
      thirdPartyAwardedCents: facts.thirdPartyAwardedCents,
      isException: ceiling !== facts.capCents,
    })
  }
  if (BigInt(facts.committedCents) + BigInt(facts.amountCents) > BigInt(facts.fstpLineCents)) {
    problems.push({
      code: 'OVER_FSTP_LINE',
      lineCents: facts.fstpLineCents,
      committedCents: facts.committedCents,
    })
  }
  if (!facts.coverage.covered && !facts.coverage.renewalPending) {
    const first = facts.coverage.reasons[0]
    problems.push({
      code: 'LICENCE_NOT_COVERING',
      reason: first ? `${first.code} ${first.date}` : 'NO_LICENCE',
    })
  }
  return problems
}
