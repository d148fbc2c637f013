import type { GrantStatus } from '#domain/grants/grant_terms'
import type { TrancheKind } from '#domain/grants/planned_schedule'

/**
 * The conditions for releasing a tranche (DOMAIN-RULES §4.5), each shown to
 * the people on the payment path with whether it is met:
 *
 * - `refuse`: the request cannot go on (grant not running, reports missing);
 * - `hold`: the request is kept but held, with the reason, until it is met
 *   (licence of a sub-grantee, an outstanding recovery order);
 * - `info`: shown, never blocking (the 70 % rule already reduced the amount).
 */
export const conditionCodes = [
  'grant_running',
  'reports_approved',
  'period_report_submitted',
  'licence_valid',
  'no_outstanding_recovery',
  'seventy_percent_rule',
] as const
export type ConditionCode = (typeof conditionCodes)[number]

export interface ReleaseCondition {
  code: ConditionCode
  met: boolean
  effect: 'refuse' | 'hold' | 'info'
  /** Figures or codes that explain the outcome (periods missing, reduction…). */
  detail?: Record<string, string | number | number[]>
}

export interface ReportFacts {
  periodNumber: number
  status: string
}

export interface ReleaseFacts {
  kind: TrancheKind
  /** The period a pre-financing finances; the last period for the balance. */
  period: number
  grantStatus: GrantStatus
  reports: readonly ReportFacts[]
  /** At request the period's own report may still be under verification; later it must be approved. */
  stage: 'request' | 'release'
  isSubGrant: boolean
  /** Licence coverage of a sub-grantee on the release date; null for grants without one. */
  licence: { covered: boolean; reason?: string } | null
  outstandingRecoveryCents: number
  reductionCents: number
}

const runningForPrefinancing: readonly GrantStatus[] = ['signed', 'in_implementation']
const runningForBalance: readonly GrantStatus[] = ['implementation_ended', 'final_report_submitted']

export function releaseConditions(facts: ReleaseFacts): ReleaseCondition[] {
  const conditions: ReleaseCondition[] = []
  const running = facts.kind === 'balance' ? runningForBalance : runningForPrefinancing
  conditions.push({
    code: 'grant_running',
    met: running.includes(facts.grantStatus),
    effect: 'refuse',
    detail: { status: facts.grantStatus },
  })

  // Tranche k+1 needs the reports of periods 1..k; the balance needs all of them.
  const lastReported = facts.kind === 'balance' ? facts.period : facts.period - 1
  const approved = new Set(
    facts.reports.filter((r) => r.status === 'approved').map((r) => r.periodNumber)
  )
  const submitted = new Set(
    facts.reports
      .filter((r) => ['submitted', 'under_verification', 'approved'].includes(r.status))
      .map((r) => r.periodNumber)
  )
  if (lastReported >= 1) {
    const earlier = range(1, facts.stage === 'request' ? lastReported - 1 : lastReported)
    const missing = earlier.filter((period) => !approved.has(period))
    conditions.push({
      code: 'reports_approved',
      met: missing.length === 0,
      effect: 'refuse',
      detail: { missing },
    })
    if (facts.stage === 'request') {
      conditions.push({
        code: 'period_report_submitted',
        met: submitted.has(lastReported),
        effect: 'refuse',
        detail: { period: lastReported },
      })
    }
  }

  if (facts.isSubGrant) {
    conditions.push({
      code: 'licence_valid',
      met: facts.licence?.covered ?? false,
      effect: 'hold',
      detail: facts.licence?.reason ? { reason: facts.licence.reason } : {},
    })
  }
  conditions.push({
    code: 'no_outstanding_recovery',
    met: facts.outstandingRecoveryCents === 0,
    effect: 'hold',
    detail: { outstandingCents: facts.outstandingRecoveryCents },
  })
  if (facts.kind === 'further_prefinancing') {
    conditions.push({
      code: 'seventy_percent_rule',
      met: facts.reductionCents === 0,
      effect: 'info',
      detail: { reductionCents: facts.reductionCents },
    })
  }
  return conditions
}

/** The conditions that stop the request outright. */
export function refusals(conditions: readonly ReleaseCondition[]) {
  return conditions.filter((c) => !c.met && c.effect === 'refuse')
}

/** The reason a tranche is held (codes joined), or null when nothing holds it. */
export function holdReason(conditions: readonly ReleaseCondition[]) {
  const holds = conditions.filter((c) => !c.met && c.effect === 'hold')
  if (holds.length === 0) return null
  return holds
    .map((c) => (c.detail?.reason ? `${c.code}:${String(c.detail.reason)}` : c.code))
    .join(', ')
}

function range(from: number, to: number) {
  const values: number[] = []
  for (let n = from; n <= to; n++) values.push(n)
  return values
}
