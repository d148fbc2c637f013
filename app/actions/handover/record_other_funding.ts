import db from '@adonisjs/lucid/services/db'
import type { EnteredSource } from '#domain/handover/position'
import HandoverOtherFunding from '#models/handover_other_funding'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { programmeSettingsAt } from '#services/programme_settings'
import { todayInKosovo } from '#services/clock'

export interface OtherFundingInput {
  year: number
  source: EnteredSource
  funderName: string
  amountCents: number
  note?: string | null
}

/** An MLSW official enters funding from a municipality, another donor or the shelter's own income. */
export class RecordOtherFunding {
  async handle(shelterId: number, input: OtherFundingInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const shelter = await Shelter.query({ client: trx }).where('id', shelterId).firstOrFail()
      /* The programme currency in force on the day it is recorded. */
      const { currency } = await programmeSettingsAt(todayInKosovo(), trx)
      const row = await HandoverOtherFunding.create(
        {
          shelterId: shelter.id,
          year: input.year,
          source: input.source,
          funderName: input.funderName,
          currency,
          amountCents: input.amountCents,
          note: input.note ?? null,
          recordedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'handover.other_funding_recorded',
        subjectType: 'handover_other_funding',
        subjectId: row.id,
        after: {
          shelterId: shelter.id,
          year: input.year,
          source: input.source,
          funderName: input.funderName,
          amountCents: input.amountCents,
        },
        ip,
      })
      return row
    })
  }
}
