import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import HandoverCommitment from '#models/handover_commitment'
import HandoverTransfer from '#models/handover_transfer'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'

export interface NewTransfer {
  transferredOn: string
  amountCents: number
  reference?: string | null
}

/**
 * An MLSW official records money the state transferred against a
 * commitment that is not cancelled. Transfers (cancelled ones aside) never
 * add up to more than the commitment, and are never dated before it; the
 * commitment row is locked so two officials cannot overshoot it together,
 * nor record a transfer while it is being cancelled.
 */
export class RecordTransfer {
  async handle(
    commitmentId: number,
    input: NewTransfer,
    by: User,
    ip: string,
    today = todayInKosovo()
  ) {
    return db.transaction(async (trx) => {
      const query = HandoverCommitment.query({ client: trx }).where('id', commitmentId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const commitment = await query.firstOrFail()
      if (commitment.isCancelled) {
        throw new DomainConflictException(
          'ux.conflicts.the_commitment_is_cancelled_record_the_transfer'
        )
      }
      if (input.amountCents <= 0)
        throw new DomainConflictException('ux.conflicts.enter_an_amount_above_zero')
      if (input.transferredOn > today) {
        throw new DomainConflictException('ux.conflicts.a_transfer_cannot_be_dated_in_the')
      }
      if (input.transferredOn < commitment.committedOn.toISODate()!) {
        throw new DomainConflictException('ux.conflicts.a_transfer_cannot_be_dated_before_its')
      }
      const done = await HandoverTransfer.query({ client: trx })
        .where('commitment_id', commitment.id)
        .whereNull('cancelled_at')
        .sum('amount_cents as total')
      const transferred = Number(done[0]?.$extras.total ?? 0)
      if (transferred + input.amountCents > commitment.amountCents) {
        throw new DomainConflictException(
          'ux.conflicts.the_transfers_would_exceed_the_commitment_record'
        )
      }
      const shelter = await Shelter.query({ client: trx })
        .where('id', commitment.shelterId)
        .firstOrFail()
      const transfer = await HandoverTransfer.create(
        {
          commitmentId: commitment.id,
          shelterId: commitment.shelterId,
          year: commitment.year,
          transferredOn: DateTime.fromISO(input.transferredOn),
          currency: commitment.currency,
          amountCents: input.amountCents,
          reference: input.reference ?? null,
          recordedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'handover.transfer_recorded',
        subjectType: 'handover_transfer',
        subjectId: transfer.id,
        after: {
          commitmentId: commitment.id,
          shelterId: shelter.id,
          year: commitment.year,
          transferredOn: input.transferredOn,
          amountCents: input.amountCents,
          reference: transfer.reference,
        },
        ip,
      })
      return transfer
    })
  }
}
