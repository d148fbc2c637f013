import { ruleText } from '#services/rule_text'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetChangeRules, KeyedBudgetLineInput } from '#domain/grants/budget_changes'
import {
  analyseBudgetChange,
  assignLineKeys,
  earliestAddendumEffectiveOn,
  effectiveDateProblem,
  isSameBudget,
  storedAnalysis,
} from '#domain/grants/budget_changes'
import BudgetChangeRefusedException from '#exceptions/budget_change_refused_exception'
import BudgetChange from '#models/budget_change'
import Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { membersWith, sendTaskNotice } from '#services/task_notices'
import {
  applyChange,
  assertRunning,
  auditSummary,
  awardedSubGrantsCents,
  budgetRulesOf,
  changeRulesOf,
  budgetVersions,
  lineInputOf,
  paidLessRecoveredCents,
  refreshOpenReports,
} from '#actions/grants/budget_change_support'

export interface BudgetChangeProposal {
  /** Every line of the new budget; a kept line names its `lineKey` (or is matched by heading, label and third party). */
  lines: KeyedBudgetLineInput[]
  justification: string
  /** YYYY-MM-DD; by default today for a notification, the earliest allowed day for an addendum. */
  effectiveOn?: string | null
}

/**
 * The grantee proposes a new budget for a running grant (DOMAIN-RULES §5).
 * It is classified against the baseline: a notification (headings within
 * 25 %, TEC and contingency unchanged) is applied at once and never touches
 * TEC, F or the contractual share; anything else is an addendum request for
 * the funder. Taking money out of the contingency, or F below what was paid
 * less recoveries, is refused.
 */
export class ProposeBudgetChange {
  async handle(
    grantId: number,
    proposal: BudgetChangeProposal,
    by: User,
    ip: string,
    today = todayInKosovo(),
    changeRules?: BudgetChangeRules
  ) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const { versions, lines, analysis, effectiveOn } = await analyseProposal(
        trx,
        grant,
        proposal,
        today,
        changeRules
      )
      const change = await BudgetChange.create(
        {
          grantId: grant.id,
          fromVersion: versions.currentVersion,
          toVersion: null,
          kind: analysis.kind,
          status: analysis.kind === 'notification' ? 'recorded' : 'requested',
          effectiveOn: DateTime.fromISO(effectiveOn),
          justification: proposal.justification,
          proposal: lines,
          analysis: storedAnalysis(analysis, versions.baseVersion),
          currency: grant.currency,
          funderBeforeCents: analysis.funderBeforeCents,
          funderAfterCents: analysis.funderAfterCents,
          proposedById: by.id,
        },
        { client: trx }
      )
      if (change.kind === 'notification') {
        await applyChange(trx, grant, change, versions.currentVersion)
        await refreshOpenReports(trx, grant.id)
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action:
          change.kind === 'notification' ? 'budget_change.notified' : 'budget_change.requested',
        subjectType: 'budget_change',
        subjectId: change.id,
        before: {
          version: versions.currentVersion,
          totalEligibleCents: analysis.totalEligibleBeforeCents,
          funderCents: analysis.funderBeforeCents,
        },
        after: auditSummary(change),
        ip,
      })
      if (change.kind === 'addendum') {
        await sendTaskNotice(trx, {
          notice: 'addendum_requested',
          dedupeKey: `addendum_requested:${change.id}`,
          userIds: await membersWith(trx, grant.funderOrganisationId, ['grant_manager']),
          exceptUserId: by.id,
          params: { reference: grant.reference, date: effectiveOn },
          href: `/budget-changes/${change.id}`,
          subjectType: 'budget_change',
          subjectId: change.id,
        })
      }
      return change
    })
  }
}

/**
 * Every check of a proposal, in order, without writing anything: the first
 * broken rule is thrown as a coded refusal. The preview shows its result.
 */
export async function analyseProposal(
  trx: TransactionClientContract,
  grant: Grant,
  proposal: BudgetChangeProposal,
  today: string,
  rulesGiven?: BudgetChangeRules
) {
  assertRunning(grant)
  const changeRules = rulesGiven ?? (await changeRulesOf(grant, today, trx))
  const pending = await BudgetChange.query({ client: trx })
    .where('grant_id', grant.id)
    .where('status', 'requested')
    .first()
  if (pending) {
    throw new BudgetChangeRefusedException(
      'E_ADDENDUM_PENDING',
      'An addendum request of this grant is still waiting for the funder; propose further changes after its decision.'
    )
  }
  const versions = await budgetVersions(grant, trx)
  const current = versions.currentLines.map(lineInputOf)
  const keyed = assignLineKeys(current, proposal.lines, randomUUID)
  if ('problem' in keyed) {
    throw new BudgetChangeRefusedException(
      `E_${keyed.problem}`,
      keyed.problem === 'UNKNOWN_LINE_KEY'
        ? `The line key ${keyed.key} is not a line of the current budget.`
        : `The line key ${keyed.key} is used by more than one line.`,
      { key: keyed.key },
      422
    )
  }
  const lines = keyed.lines
  if (isSameBudget(current, lines)) {
    throw new BudgetChangeRefusedException(
      'E_SAME_BUDGET',
      'The proposed budget is the same as the current one.'
    )
  }
  const analysis = analyseBudgetChange({
    baseLines: versions.baseLines.map(lineInputOf),
    currentLines: current,
    proposedLines: lines,
    funderBeforeCents: grant.funderCents,
    totalEligibleBeforeCents: grant.totalEligibleCents,
    paidLessRecoveredCents: await paidLessRecoveredCents(trx, grant),
    budgetRules: await budgetRulesOf(grant, trx),
    changeRules,
    awardedSubGrantsCents: await awardedSubGrantsCents(trx, grant),
  })
  const [refusal] = analysis.refusals
  if (refusal) {
    throw new BudgetChangeRefusedException(`E_${refusal.code}`, refusal.message, {
      contingency: analysis.contingencyBeforeCents,
    })
  }
  if (analysis.proposed.totalEligibleCents === 0) {
    throw new BudgetChangeRefusedException(
      'E_NO_ELIGIBLE_COSTS',
      'The proposed budget has no eligible costs.'
    )
  }
  if (analysis.violations.length > 0) {
    throw new BudgetChangeRefusedException(
      'E_BUDGET_RULES',
      `Correct the budget first: ${analysis.violations.map((v) => v.message).join(' ')}`,
      {
        details: (reader) =>
          analysis.violations
            .map((v) => ruleText(v.code, v.params, reader, grant.currency))
            .join(' '),
      }
    )
  }
  const earliest = earliestAddendumEffectiveOn(today, changeRules.addendumNoticeDays)
  const effectiveOn = proposal.effectiveOn ?? (analysis.kind === 'addendum' ? earliest : today)
  const problem = effectiveDateProblem(
    analysis.kind,
    effectiveOn,
    today,
    grant.endsOn.toISODate()!,
    changeRules
  )
  if (problem === 'addendum_notice') {
    throw new BudgetChangeRefusedException(
      'E_ADDENDUM_NOTICE',
      `An addendum must be requested at least ${changeRules.addendumNoticeDays} days before it takes effect: the earliest date is ${earliest}.`,
      { days: changeRules.addendumNoticeDays, date: earliest }
    )
  }
  if (problem === 'after_grant_end') {
    throw new BudgetChangeRefusedException(
      'E_AFTER_GRANT_END',
      `A budget change cannot take effect after the implementation period ends (${grant.endsOn.toISODate()}).`,
      { date: grant.endsOn.toISODate()! }
    )
  }

  return { versions, lines, analysis, effectiveOn }
}
