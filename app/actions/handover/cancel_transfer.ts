import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import HandoverTransfer from '#models/handover_transfer'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * An MLSW official cancels a transfer recorded with a mistake. The row
 * stays, with who cancelled it, when and why; the plan's figures leave it
 * out, and the transfer can be recorded again correctly.
 */
export class CancelTransfer {
  async handle(transferId: number, reason: string, by: User, ip: string, now = DateTime.utc()) {
    return db.transaction(async (trx) => {
      const query = HandoverTransfer.query({ client: trx }).where('id', transferId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const transfer = await query.firstOrFail()
      if (transfer.isCancelled) {
        throw new DomainConflictException('ux.conflicts.this_transfer_is_already_cancelled')
      }
      const shelter = await Shelter.query({ client: trx })
        .where('id', transfer.shelterId)
        .firstOrFail()
      await transfer
        .useTransaction(trx)
        .merge({ cancelledAt: now, cancelledById: by.id, cancellationReason: reason })
        .save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'handover.transfer_cancelled',
        subjectType: 'handover_transfer',
        subjectId: transfer.id,
        before: { ...transferFacts(transfer), cancelledAt: null },
        after: {
          ...transferFacts(transfer),
          cancelledAt: now.toISO(),
          cancelledById: by.id,
          reason,
        },
        ip,
      })
      return transfer
    })
  }
}

/** What the audit trail keeps of a transfer: what it recorded and what counted. */
export function transferFacts(transfer: HandoverTransfer) {
  return {
    commitmentId: transfer.commitmentId,
    shelterId: transfer.shelterId,
    year: transfer.year,
    transferredOn: transfer.transferredOn.toISODate(),
    amountCents: transfer.amountCents,
    reference: transfer.reference,
  }
}
