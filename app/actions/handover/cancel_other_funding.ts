import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import HandoverOtherFunding from '#models/handover_other_funding'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * An MLSW official cancels another source (municipality, other donor, own
 * income) entered with a mistake. The row stays, with who cancelled it,
 * when and why; the plan's figures leave it out, and the source can be
 * entered again correctly.
 */
export class CancelOtherFunding {
  async handle(otherFundingId: number, reason: string, by: User, ip: string, now = DateTime.utc()) {
    return db.transaction(async (trx) => {
      const query = HandoverOtherFunding.query({ client: trx }).where('id', otherFundingId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const row = await query.firstOrFail()
      if (row.isCancelled) {
        throw new DomainConflictException('ux.conflicts.this_source_is_already_cancelled')
      }
      const shelter = await Shelter.query({ client: trx }).where('id', row.shelterId).firstOrFail()
      await row
        .useTransaction(trx)
        .merge({ cancelledAt: now, cancelledById: by.id, cancellationReason: reason })
        .save()
      const facts = {
        shelterId: row.shelterId,
        year: row.year,
        source: row.source,
        funderName: row.funderName,
        amountCents: row.amountCents,
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'handover.other_funding_cancelled',
        subjectType: 'handover_other_funding',
        subjectId: row.id,
        before: { ...facts, cancelledAt: null },
        after: { ...facts, cancelledAt: now.toISO(), cancelledById: by.id, reason },
        ip,
      })
      return row
    })
  }
}
