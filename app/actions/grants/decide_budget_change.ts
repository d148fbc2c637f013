import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import BudgetChangeRefusedException from '#exceptions/budget_change_refused_exception'
import BudgetChange from '#models/budget_change'
import Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { membersWith, sendTaskNotice } from '#services/task_notices'
import {
  applyChange,
  assertRunning,
  auditSummary,
  budgetVersions,
  paidLessRecoveredCents,
  refreshOpenReports,
} from '#actions/grants/budget_change_support'

export type BudgetChangeDecision = 'approved' | 'refused'

/**
 * The funder's grant manager decides on an addendum request: approved, its
 * budget becomes the new version and the new baseline (TEC, F and the
 * contractual share move only here); refused, the budget stays. Never by
 * the person who proposed it; F never below what was paid less recoveries.
 */
export class DecideBudgetChange {
  async handle(
    changeId: number,
    decision: BudgetChangeDecision,
    comment: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const found = await BudgetChange.query({ client: trx }).where('id', changeId).firstOrFail()
      const grant = await Grant.findForUpdate(trx, found.grantId)
      const query = BudgetChange.query({ client: trx }).where('id', changeId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const change = await query.firstOrFail()
      if (change.status !== 'requested') {
        throw new BudgetChangeRefusedException(
          'E_NOT_PENDING',
          'Only a pending addendum request can be decided.'
        )
      }
      if (change.proposedById === by.id) {
        throw new BudgetChangeRefusedException(
          'E_OWN_PROPOSAL',
          'The person who proposed a change cannot decide on it.'
        )
      }
      if (decision === 'approved') {
        assertRunning(grant)
        const versions = await budgetVersions(grant, trx)
        if (
          versions.currentVersion !== change.fromVersion ||
          grant.funderCents !== change.funderBeforeCents
        ) {
          throw new BudgetChangeRefusedException(
            'E_BUDGET_MOVED',
            'The budget has changed since this addendum was requested; it must be proposed again.'
          )
        }
        const floor = await paidLessRecoveredCents(trx, grant)
        if (change.funderAfterCents < floor) {
          throw new BudgetChangeRefusedException(
            'E_FUNDER_BELOW_PAID',
            `The funder contribution would fall below the ${floor} cents already paid less recoveries.`
          )
        }
        change.decidedById = by.id
        await applyChange(trx, grant, change, versions.currentVersion)
      }
      change.useTransaction(trx)
      change.merge({
        status: decision,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
        decisionComment: comment || null,
      })
      await change.save()
      if (decision === 'approved') await refreshOpenReports(trx, grant.id)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: `budget_change.${decision}`,
        subjectType: 'budget_change',
        subjectId: change.id,
        before: { status: 'requested' },
        after: { ...auditSummary(change), comment: change.decisionComment },
        ip,
      })
      await sendTaskNotice(trx, {
        notice: `addendum_${decision}`,
        dedupeKey: `addendum_decided:${change.id}`,
        userIds: await membersWith(trx, grant.granteeOrganisationId, [
          'applicant',
          'grant_manager',
        ]),
        exceptUserId: by.id,
        params: { reference: grant.reference },
        href: `/budget-changes/${change.id}`,
        subjectType: 'budget_change',
        subjectId: change.id,
      })
      return change
    })
  }
}
