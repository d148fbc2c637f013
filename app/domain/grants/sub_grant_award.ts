import type { Coverage } from '#domain/licences/coverage'

/**
 * Checks on awarding a sub-grant (financial support to a third party,
 * DOMAIN-RULES §3): within the per-third-party cap unless the lead
 * grant's funder approved an exception for at least the amount; all
 * sub-grants together within the FSTP line; the shelter licensed for the
 * whole sub-grant period, or its renewal pending (which is recorded).
 */
export type SubGrantProblem =
  | { code: 'OVER_THIRD_PARTY_CAP'; capCents: number }
  | { code: 'OVER_FSTP_LINE'; lineCents: number; committedCents: number }
  | { code: 'LICENCE_NOT_COVERING'; reason: string }

export interface SubGrantAwardFacts {
  amountCents: number
  capCents: number
  /** The amount of an exception the funder approved, or null. */
  approvedExceptionCents: number | null
  fstpLineCents: number
  /** Sub-grants already awarded under the same lead grant. */
  committedCents: number
  coverage: Pick<Coverage, 'covered' | 'reasons' | 'renewalPending'>
}

export function subGrantAwardProblems(facts: SubGrantAwardFacts): SubGrantProblem[] {
  const problems: SubGrantProblem[] = []
  const exceptionCovers =
    facts.approvedExceptionCents !== null && facts.amountCents <= facts.approvedExceptionCents
  if (facts.amountCents > facts.capCents && !exceptionCovers) {
    problems.push({ code: 'OVER_THIRD_PARTY_CAP', capCents: facts.capCents })
  }
  if (facts.committedCents + facts.amountCents > facts.fstpLineCents) {
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
