import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { GrantStatus } from '#domain/grants/grant_terms'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Grant from '#models/grant'
import LedgerEntry from '#models/ledger_entry'
import RecoveryOrder from '#models/recovery_order'
import type User from '#models/user'
import { grantFinances } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'

export const grantTransitions = ['suspend', 'resume', 'end_implementation', 'close'] as const
export type GrantTransition = (typeof grantTransitions)[number]

const transitionRules: Record<
  GrantTransition,
  { from: readonly GrantStatus[]; to: GrantStatus; reasonRequired: boolean }
> = {
  suspend: { from: ['signed', 'in_implementation'], to: 'suspended', reasonRequired: true },
  resume: { from: ['suspended'], to: 'in_implementation', reasonRequired: false },
  end_implementation: {
    from: ['signed', 'in_implementation'],
    to: 'implementation_ended',
    reasonRequired: false,
  },
  close: { from: ['final_report_submitted'], to: 'closed', reasonRequired: false },
}

/** Recovery orders fall due 45 days after they are issued (PRAG practice; a default). */
export const recoveryDueDays = 45

/**
 * The funder's decisions on a running grant: suspension and resumption,
 * the end of implementation, closure once nothing is left to pay or
 * recover, and recovery orders when the grantee was paid more than its
 * final contribution.
 */
export class GrantLifecycle {
  async transition(
    grantId: number,
    transition: GrantTransition,
    reason: string | null,
    by: User,
    ip: string,
    today = todayInKosovo()
  ) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const rule = transitionRules[transition]
      if (!rule.from.includes(grant.status)) {
        throw new DomainConflictException('ux.conflicts.grant_cannot_change', {
          status: (reader) => reader.t(`messages.grant_statuses.${grant.status}`),
        })
      }
      if (rule.reasonRequired && !reason) {
        throw new DomainConflictException('ux.conflicts.give_the_reason')
      }
      if (transition === 'end_implementation' && today < grant.endsOn.toISODate()!) {
        if (!reason) {
          throw new DomainConflictException(
            'ux.conflicts.the_implementation_period_has_not_ended_give'
          )
        }
      }
      if (transition === 'close') await assertSettled(trx, grant)
      const before = { status: grant.status, statusReason: grant.statusReason }
      grant.merge({ status: rule.to, statusReason: reason })
      await grant.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: `grant.${transition}`,
        subjectType: 'grant',
        subjectId: grant.id,
        before,
        after: { status: grant.status, statusReason: reason },
        ip,
      })
      return grant
    })
  }

  /** Issues the recovery order for what the grantee must pay back. */
  async issueRecovery(grantId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const finances = await grantFinances(grant, trx)
      const finalReport = finances.reports.find((r) => r.kind === 'final')
      if (finalReport?.status !== 'approved') {
        throw new DomainConflictException(
          'ux.conflicts.a_recovery_order_follows_the_approved_final'
        )
      }
      const issued = finances.recoveries.reduce((total, r) => total + r.amountCents, 0)
      const amount = finances.position.settlement.recoveryCents - issued
      if (amount <= 0) throw new DomainConflictException('ux.conflicts.nothing_is_left_to_recover')
      const order = await RecoveryOrder.create(
        {
          grantId: grant.id,
          currency: grant.currency,
          amountCents: amount,
          dueOn: DateTime.fromISO(today).plus({ days: recoveryDueDays }),
          status: 'open',
          issuedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'recovery_order.issued',
        subjectType: 'recovery_order',
        subjectId: order.id,
        after: { grant: grant.reference, amountCents: amount, dueOn: order.dueOn.toISODate() },
        ip,
      })
      return order
    })
  }

  /** Records that the grantee paid the recovery back; the grant closes when all is settled. */
  async settleRecovery(
    orderId: number,
    input: { settledOn: string; reference: string },
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const query = RecoveryOrder.query({ client: trx }).where('id', orderId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const order = await query.firstOrFail()
      if (order.status !== 'open') {
        throw new DomainConflictException('ux.conflicts.this_recovery_order_is_already_settled')
      }
      const grant = await Grant.findForUpdate(trx, order.grantId)
      order.merge({
        status: 'settled',
        settledOn: DateTime.fromISO(input.settledOn),
        settlementReference: input.reference,
        settledById: by.id,
      })
      await order.save()
      await LedgerEntry.create(
        {
          grantId: grant.id,
          kind: 'recovery',
          currency: order.currency,
          amountCents: order.amountCents,
          bookedOn: order.settledOn!,
          paymentId: null,
          recoveryOrderId: order.id,
          description: `Recovery order ${order.id}`,
          createdById: by.id,
        },
        { client: trx }
      )
      const grantBefore = grant.status
      if (grant.status === 'final_report_submitted') {
        const open = await RecoveryOrder.query({ client: trx })
          .where('grant_id', grant.id)
          .where('status', 'open')
          .first()
        if (!open) {
          grant.status = 'closed'
          await grant.save()
        }
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'recovery_order.settled',
        subjectType: 'recovery_order',
        subjectId: order.id,
        before: { status: 'open', grantStatus: grantBefore },
        after: {
          status: 'settled',
          grantStatus: grant.status,
          settledOn: input.settledOn,
          reference: input.reference,
        },
        ip,
      })
      return order
    })
  }
}

/** A grant closes when its final report is approved and nothing is left to pay or recover. */
async function assertSettled(trx: TransactionClientContract, grant: Grant) {
  const finances = await grantFinances(grant, trx)
  const finalReport = finances.reports.find((r) => r.kind === 'final')
  if (finalReport?.status !== 'approved') {
    throw new DomainConflictException('ux.conflicts.the_final_report_is_not_approved_yet')
  }
  const { balanceCents, recoveryCents } = finances.position.settlement
  const recovered = finances.position.recoveredCents
  if (balanceCents > 0)
    throw new DomainConflictException('ux.conflicts.the_balance_is_still_to_be_paid')
  if (recoveryCents > recovered) {
    throw new DomainConflictException('ux.conflicts.a_recovery_is_still_outstanding')
  }
}
