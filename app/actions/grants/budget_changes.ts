import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetLineInput, BudgetRules } from '#domain/budget/budget'
import { defaultBudgetRules, lineTotalCents, parseQuantity } from '#domain/budget/budget'
import type { BudgetChangeRules, StoredAnalysis } from '#domain/grants/budget_changes'
import {
  analyseBudgetChange,
  baseVersionOf,
  defaultBudgetChangeRules,
  earliestAddendumEffectiveOn,
  effectiveDateProblem,
  isSameBudget,
  quantityText,
  storedAnalysis,
} from '#domain/grants/budget_changes'
import { activeGrantStatuses } from '#domain/grants/grant_terms'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import BudgetChange from '#models/budget_change'
import Call from '#models/call'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import LedgerEntry from '#models/ledger_entry'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'

export interface BudgetChangeProposal {
  lines: BudgetLineInput[]
  justification: string
  /** YYYY-MM-DD; by default today for a notification, the earliest allowed day for an addendum. */
  effectiveOn?: string | null
}

/** A stored grant budget line as the §3 rules read it. */
export function lineInputOf(line: GrantBudgetLine): BudgetLineInput {
  return {
    heading: line.heading,
    label: line.label,
    unit: line.unit,
    quantity: quantityText(line.quantityHundredths),
    unitCostCents: line.unitCostCents,
    thirdParty: line.thirdParty,
  }
}

/** The budget rules of a grant: its call's share and third-party cap, else the defaults. */
export async function budgetRulesOf(grant: Grant, client?: TransactionClientContract) {
  const call = grant.callId ? await Call.find(grant.callId, { client }) : null
  const rules: BudgetRules = {
    ...defaultBudgetRules,
    maxFunderShareBp: call?.maxFunderShareBp ?? defaultBudgetRules.maxFunderShareBp,
    maxPerThirdPartyCents: call?.maxPerThirdPartyCents ?? defaultBudgetRules.maxPerThirdPartyCents,
  }
  return rules
}

/**
 * The versions that matter for a new change: the current (latest) one and
 * the base the 25 % rule measures against (last approved addendum, or 1),
 * with their lines.
 */
export async function budgetVersions(grant: Grant, client?: TransactionClientContract) {
  // Aliased away from the `version` column, or Lucid puts it on the model, not in $extras.
  const latest = await GrantBudgetLine.query({ client })
    .where('grant_id', grant.id)
    .max('version as latest_version')
  const changes = await BudgetChange.query({ client })
    .where('grant_id', grant.id)
    .select('kind', 'status', 'to_version')
  const currentVersion = Number(latest[0]?.$extras.latest_version ?? 1)
  const baseVersion = baseVersionOf(changes)
  const lines = await GrantBudgetLine.query({ client })
    .where('grant_id', grant.id)
    .whereIn('version', [currentVersion, baseVersion])
    .orderBy('position')
  return {
    currentVersion,
    baseVersion,
    currentLines: lines.filter((l) => l.version === currentVersion),
    baseLines: lines.filter((l) => l.version === baseVersion),
  }
}

/**
 * Budget changes of a running grant (DOMAIN-RULES §5). The grantee
 * proposes the whole new budget; the change is classified against the
 * original or last amended budget. A notification is applied at once as a
 * new budget version; an addendum waits for the funder's grant manager,
 * who approves (applied then) or refuses it. F never rises.
 */
export class BudgetChanges {
  async propose(
    grantId: number,
    proposal: BudgetChangeProposal,
    by: User,
    ip: string,
    today = todayInKosovo(),
    changeRules: BudgetChangeRules = defaultBudgetChangeRules
  ) {
    return db.transaction(async (trx) => {
      const grant = await lockGrant(trx, grantId)
      assertRunning(grant)
      const pending = await BudgetChange.query({ client: trx })
        .where('grant_id', grant.id)
        .where('status', 'requested')
        .first()
      if (pending) {
        throw new DomainConflictException(
          'An addendum request of this grant is still waiting for the funder; propose further changes after its decision.'
        )
      }
      const versions = await budgetVersions(grant, trx)
      const lines = proposal.lines.map((line) => ({ ...line, thirdParty: line.thirdParty || null }))
      if (isSameBudget(versions.currentLines.map(lineInputOf), lines)) {
        throw new DomainConflictException('The proposed budget is the same as the current one.')
      }
      const analysis = analyseBudgetChange({
        baseLines: versions.baseLines.map(lineInputOf),
        proposedLines: lines,
        funderBeforeCents: grant.funderCents,
        totalEligibleBeforeCents: grant.totalEligibleCents,
        budgetRules: await budgetRulesOf(grant, trx),
        changeRules,
        awardedSubGrantsCents: await awardedSubGrantsCents(trx, grant),
      })
      if (analysis.totalEligibleAfterCents === 0) {
        throw new DomainConflictException('The proposed budget has no eligible costs.')
      }
      if (analysis.violations.length > 0) {
        throw new DomainConflictException(
          `Correct the budget first: ${analysis.violations.map((v) => v.message).join(' ')}`
        )
      }
      const effectiveOn =
        proposal.effectiveOn ??
        (analysis.kind === 'addendum'
          ? earliestAddendumEffectiveOn(today, changeRules.addendumNoticeDays)
          : today)
      const problem = effectiveDateProblem(
        analysis.kind,
        effectiveOn,
        today,
        grant.endsOn.toISODate()!,
        changeRules
      )
      if (problem === 'addendum_notice') {
        throw new DomainConflictException(
          `An addendum must be requested at least ${changeRules.addendumNoticeDays} days before it takes effect: the earliest date is ${earliestAddendumEffectiveOn(today, changeRules.addendumNoticeDays)}.`
        )
      }
      if (problem === 'after_grant_end') {
        throw new DomainConflictException(
          `A budget change cannot take effect after the implementation period ends (${grant.endsOn.toISODate()}).`
        )
      }

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
      return change
    })
  }

  /** The funder approves an addendum request: its budget becomes the new version. */
  async approve(changeId: number, comment: string | null, by: User, ip: string) {
    return this.decide(changeId, 'approved', comment, by, ip)
  }

  /** The funder refuses an addendum request; the budget stays as it is. */
  async refuse(changeId: number, comment: string, by: User, ip: string) {
    return this.decide(changeId, 'refused', comment, by, ip)
  }

  private async decide(
    changeId: number,
    status: 'approved' | 'refused',
    comment: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const found = await BudgetChange.query({ client: trx }).where('id', changeId).firstOrFail()
      const grant = await lockGrant(trx, found.grantId)
      const query = BudgetChange.query({ client: trx }).where('id', changeId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const change = await query.firstOrFail()
      if (change.status !== 'requested') {
        throw new DomainConflictException('Only a pending addendum request can be decided.')
      }
      if (change.proposedById === by.id) {
        throw new DomainConflictException('The person who proposed a change cannot decide on it.')
      }
      if (status === 'approved') {
        assertRunning(grant)
        const versions = await budgetVersions(grant, trx)
        if (
          versions.currentVersion !== change.fromVersion ||
          grant.funderCents !== change.funderBeforeCents
        ) {
          throw new DomainConflictException(
            'The budget has changed since this addendum was requested; it must be proposed again.'
          )
        }
        await applyChange(trx, grant, change, versions.currentVersion)
      }
      change.useTransaction(trx)
      change.merge({
        status,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
        decisionComment: comment || null,
      })
      await change.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: `budget_change.${status}`,
        subjectType: 'budget_change',
        subjectId: change.id,
        before: { status: 'requested' },
        after: { ...auditSummary(change), comment: change.decisionComment },
        ip,
      })
      return change
    })
  }
}

async function lockGrant(trx: TransactionClientContract, grantId: number) {
  const query = Grant.query({ client: trx }).where('id', grantId)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.firstOrFail()
}

/** Σ funder contributions of the sub-grants awarded out of this grant's FSTP line. */
async function awardedSubGrantsCents(trx: TransactionClientContract, grant: Grant) {
  const rows = await Grant.query({ client: trx })
    .where('parent_grant_id', grant.id)
    .sum('funder_cents as total')
  return Number(rows[0]?.$extras.total ?? 0)
}

function assertRunning(grant: Grant) {
  if (!activeGrantStatuses.includes(grant.status)) {
    throw new DomainConflictException(
      'The budget can only change while the grant is signed, in implementation or suspended.'
    )
  }
}

/**
 * Writes the proposed lines as the next budget version and moves the
 * grant's TEC, F and co-financing to the analysed figures.
 */
async function applyChange(
  trx: TransactionClientContract,
  grant: Grant,
  change: BudgetChange,
  currentVersion: number
) {
  const analysis: StoredAnalysis = change.analysis
  const version = currentVersion + 1
  await GrantBudgetLine.createMany(
    change.proposal.map((line, position) => ({
      grantId: grant.id,
      version,
      position,
      heading: line.heading,
      label: line.label,
      unit: line.unit,
      quantityHundredths: parseQuantity(line.quantity),
      unitCostCents: line.unitCostCents,
      totalCents: lineTotalCents(line.quantity, line.unitCostCents),
      thirdParty: line.thirdParty || null,
    })),
    { client: trx }
  )
  if (change.funderAfterCents > grant.funderCents) {
    throw new DomainConflictException('The funder contribution can never rise.')
  }
  const released = grant.funderCents - change.funderAfterCents
  if (released > 0 && (await hasCommitment(trx, grant))) {
    await LedgerEntry.create(
      {
        grantId: grant.id,
        kind: 'decommitment',
        currency: grant.currency,
        amountCents: released,
        bookedOn: change.effectiveOn,
        paymentId: null,
        recoveryOrderId: null,
        description: `Budget change ${change.id}: funder contribution lowered`,
        createdById: change.decidedById ?? change.proposedById,
      },
      { client: trx }
    )
  }
  grant.useTransaction(trx)
  grant.merge({
    totalEligibleCents: analysis.totalEligibleAfterCents,
    funderCents: change.funderAfterCents,
    cofinancingCents: analysis.totalEligibleAfterCents - change.funderAfterCents,
  })
  await grant.save()
  change.useTransaction(trx)
  change.toVersion = version
  await change.save()
}

/** A grant's commitment is in the ledger once both sides have signed. */
async function hasCommitment(trx: TransactionClientContract, grant: Grant) {
  const row = await LedgerEntry.query({ client: trx })
    .where('grant_id', grant.id)
    .where('kind', 'commitment')
    .first()
  return row !== null
}

function auditSummary(change: BudgetChange) {
  return {
    grantId: change.grantId,
    kind: change.kind,
    status: change.status,
    fromVersion: change.fromVersion,
    toVersion: change.toVersion,
    baseVersion: change.analysis.baseVersion,
    effectiveOn: change.effectiveOn.toISODate(),
    totalEligibleCents: change.analysis.totalEligibleAfterCents,
    funderCents: change.funderAfterCents,
    headings: change.analysis.headings
      .filter((h) => h.changeCents !== 0)
      .map((h) => ({ heading: h.heading, changeCents: h.changeCents, changeBp: h.changeBp })),
  }
}
