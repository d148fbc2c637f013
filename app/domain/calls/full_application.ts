import type { BudgetLineInput, BudgetResult } from '#domain/budget/budget'
import { computeBudget, defaultBudgetRules } from '#domain/budget/budget'

export interface CallBudgetRules {
  maxFunderShareBp: number
  maxPerThirdPartyCents: number
  minGrantCents: number
  maxGrantCents: number
  maxRequestChangeBp: number
  /** The call's caps on I and C (basis points of D); the defaults when absent. */
  indirectCapBp?: number
  contingencyCapBp?: number
  /** The call's co-financing minimum (basis points of TEC); unchecked when absent. */
  cofinancingMinBp?: number | null
}

/**
 * The full application's budget against the call: DOMAIN-RULES §3 with
 * the call's share, range and third-party cap, and the request compared
 * with the concept note's (at most 20 % apart by default).
 */
export function fullApplicationBudget(
  rules: CallBudgetRules,
  lines: readonly BudgetLineInput[],
  requestedCents: number | null,
  conceptNoteRequestedCents: number | null
): BudgetResult {
  return computeBudget(
    lines,
    {
      ...defaultBudgetRules,
      maxFunderShareBp: rules.maxFunderShareBp,
      maxPerThirdPartyCents: rules.maxPerThirdPartyCents,
      indirectCapBp: rules.indirectCapBp ?? defaultBudgetRules.indirectCapBp,
      contingencyCapBp: rules.contingencyCapBp ?? defaultBudgetRules.contingencyCapBp,
      cofinancingMinBp: rules.cofinancingMinBp ?? null,
      minGrantCents: rules.minGrantCents,
      maxGrantCents: rules.maxGrantCents,
    },
    requestedCents,
    conceptNoteRequestedCents,
    rules.maxRequestChangeBp
  )
}

/** What is still missing before a full application can be submitted. */
export function missingForSubmission(application: {
  periodStartOn: string | null
  periodEndOn: string | null
  narrative: Record<string, string> | null
  lineCount: number
}) {
  const missing: string[] = []
  if (!application.periodStartOn || !application.periodEndOn) missing.push('implementation_period')
  else if (application.periodEndOn < application.periodStartOn) missing.push('period_order')
  for (const section of ['relevance', 'methodology', 'sustainability']) {
    if (!application.narrative?.[section]?.trim()) missing.push(`narrative_${section}`)
  }
  if (application.lineCount === 0) missing.push('budget_lines')
  return missing
}
