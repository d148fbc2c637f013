import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { transferFacts } from '#actions/handover/cancel_transfer'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import HandoverCommitment from '#models/handover_commitment'
import HandoverTransfer from '#models/handover_transfer'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * An MLSW official cancels a commitment recorded with a mistake, and with
 * it every transfer still counted against it, in one transaction. The rows
 * stay, with who cancelled them, when and why; the plan's figures leave
 * them out, and the commitment can be recorded again correctly. The
 * commitment row is locked, as when a transfer is recorded against it, so
 * no transfer slips in while it is cancelled.
 */
export class CancelCommitment {
  async handle(commitmentId: number, reason: string, by: User, ip: string, now = DateTime.utc()) {
    return db.transaction(async (trx) => {
      const query = HandoverCommitment.query({ client: trx }).where('id', commitmentId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const commitment = await query.firstOrFail()
      if (commitment.isCancelled) {
        throw new DomainConflictException('ux.conflicts.this_commitment_is_already_cancelled')
      }
      const transfersQuery = HandoverTransfer.query({ client: trx })
        .where('commitment_id', commitment.id)
        .whereNull('cancelled_at')
        .orderBy('id')
      if (trx.dialect.name === 'postgres') transfersQuery.forUpdate()
      const transfers = await transfersQuery
      const shelter = await Shelter.query({ client: trx })
        .where('id', commitment.shelterId)
        .firstOrFail()

      const cancellation = { cancelledAt: now, cancelledById: by.id, cancellationReason: reason }
      await commitment.useTransaction(trx).merge(cancellation).save()
      for (const transfer of transfers) {
        await transfer.useTransaction(trx).merge(cancellation).save()
      }

      const cancelled = { cancelledAt: now.toISO(), cancelledById: by.id, reason }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'handover.commitment_cancelled',
        subjectType: 'handover_commitment',
        subjectId: commitment.id,
        before: { ...commitmentFacts(commitment), cancelledAt: null },
        after: {
          ...commitmentFacts(commitment),
          ...cancelled,
          cancelledTransferIds: transfers.map((t) => t.id),
        },
        ip,
      })
      for (const transfer of transfers) {
        await AuditTrail.record(trx, {
          actorId: by.id,
          organisationId: shelter.organisationId,
          action: 'handover.transfer_cancelled',
          subjectType: 'handover_transfer',
          subjectId: transfer.id,
          before: { ...transferFacts(transfer), cancelledAt: null },
          after: { ...transferFacts(transfer), ...cancelled, withCommitmentId: commitment.id },
          ip,
        })
      }
      return { commitment, transfers }
    })
  }
}

function commitmentFacts(commitment: HandoverCommitment) {
  return {
    shelterId: commitment.shelterId,
    year: commitment.year,
    funder: commitment.funderName,
    referenceKind: commitment.referenceKind,
    budgetReference: commitment.budgetReference,
    committedOn: commitment.committedOn.toISODate(),
    amountCents: commitment.amountCents,
  }
}
