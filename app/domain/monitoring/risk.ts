/**
 * The risk score that proposes monitoring visits (ADR 0031). A simple sum
 * of points, each with a reason code, so a person can see why a grant is
 * proposed and disagree. Thresholds are parameters with defaults.
 */
import { daysBetween } from '#domain/licences/licence'

export interface RiskParameters {
  /** A licence ending within this many days counts as near expiry. */
  licenceWithinDays: number
  /** Not visited for this many months: one point; twice as long: two. */
  visitEveryMonths: number
  /** Funder contribution (cents) from which a grant is high value: one point, and two from the second. */
  highValueCents: readonly [number, number]
  /** Grants scoring at least this are proposed. */
  proposeFrom: number
}

export const defaultRiskParameters: RiskParameters = {
  licenceWithinDays: 90,
  visitEveryMonths: 6,
  highValueCents: [5_000_000, 50_000_000],
  proposeFrom: 3,
}

export interface RiskFacts {
  funderCents: number
  /** The grantee's latest licence, or null when it holds none. */
  licence: { validUntil: string; stopped: boolean } | null
  /** Whether the grantee is licensed at all (NGO shelters are; a lead grantee may not be). */
  licenceExpected: boolean
  /** Date of the last reported visit, or null. */
  lastVisitOn: string | null
  /** Findings (standards partly or not met, lines with a finding) in reported visits. */
  pastFindings: number
  /** Action points past their due date and not closed. */
  overdueActionPoints: number
}

export interface RiskReason {
  code:
    | 'licence_missing'
    | 'licence_stopped'
    | 'licence_expired'
    | 'licence_expiring'
    | 'past_findings'
    | 'overdue_action_points'
    | 'never_visited'
    | 'not_visited_recently'
    | 'high_value'
  points: number
  /** A date or a number the reason names. */
  detail?: string | number
}

export interface RiskScore {
  score: number
  reasons: RiskReason[]
}

function monthsBetween(from: string, to: string) {
  return Math.floor(daysBetween(from, to) / 30)
}

/** The score of one grant on `today`: the sum of its reasons' points. */
export function riskScore(
  facts: RiskFacts,
  today: string,
  parameters: RiskParameters = defaultRiskParameters
): RiskScore {
  const reasons: RiskReason[] = []
  const { licence } = facts
  if (facts.licenceExpected && licence === null) {
    reasons.push({ code: 'licence_missing', points: 3 })
  } else if (licence?.stopped) {
    reasons.push({ code: 'licence_stopped', points: 3 })
  } else if (licence && licence.validUntil < today) {
    reasons.push({ code: 'licence_expired', points: 3, detail: licence.validUntil })
  } else if (licence && daysBetween(today, licence.validUntil) <= parameters.licenceWithinDays) {
    reasons.push({ code: 'licence_expiring', points: 2, detail: licence.validUntil })
  }
  if (facts.pastFindings > 0) {
    reasons.push({
      code: 'past_findings',
      points: Math.min(3, facts.pastFindings),
      detail: facts.pastFindings,
    })
  }
  if (facts.overdueActionPoints > 0) {
    reasons.push({ code: 'overdue_action_points', points: 2, detail: facts.overdueActionPoints })
  }
  if (facts.lastVisitOn === null) {
    reasons.push({ code: 'never_visited', points: 2 })
  } else {
    const months = monthsBetween(facts.lastVisitOn, today)
    if (months >= parameters.visitEveryMonths) {
      reasons.push({
        code: 'not_visited_recently',
        points: months >= 2 * parameters.visitEveryMonths ? 2 : 1,
        detail: facts.lastVisitOn,
      })
    }
  }
  const [high, higher] = parameters.highValueCents
  if (facts.funderCents >= high) {
    reasons.push({
      code: 'high_value',
      points: facts.funderCents >= higher ? 2 : 1,
      detail: facts.funderCents,
    })
  }
  return { score: reasons.reduce((sum, reason) => sum + reason.points, 0), reasons }
}
