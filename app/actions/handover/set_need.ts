import db from '@adonisjs/lucid/services/db'
import type { NeedMethod } from '#domain/handover/need'
import HandoverNeed from '#models/handover_need'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { programmeSettingsAt } from '#services/programme_settings'
import { todayInKosovo } from '#services/clock'

export interface NeedInput {
  year: number
  method: NeedMethod
  occupancyBp: number
  /** The entered need, or (from reports) the norm used without a verified operating cost. */
  amountCents?: number | null
  justification?: string | null
}

/**
 * An MLSW official sets how a shelter's need is known for a year: from
 * reports (with an optional norm for when no verified operating cost
 * exists), or entered; an amount always comes with its justification.
 */
export class SetNeed {
  async handle(shelterId: number, input: NeedInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const shelter = await Shelter.query({ client: trx }).where('id', shelterId).firstOrFail()
      /* The programme currency in force on the day it is recorded. */
      const { currency } = await programmeSettingsAt(todayInKosovo(), trx)
      const existing = await HandoverNeed.query({ client: trx })
        .where('shelter_id', shelter.id)
        .where('year', input.year)
        .first()
      /* With `reports`, an amount is the norm used while no verified operating cost exists. */
      const values = {
        method: input.method,
        occupancyBp: input.occupancyBp,
        amountCents: input.amountCents ?? null,
        justification: input.justification ?? null,
        setById: by.id,
      }
      const before = existing
        ? {
            method: existing.method,
            occupancyBp: existing.occupancyBp,
            amountCents: existing.amountCents,
            justification: existing.justification,
          }
        : undefined
      const need = existing
        ? await existing.merge(values).save()
        : await HandoverNeed.create(
            {
              shelterId: shelter.id,
              year: input.year,
              currency,
              ...values,
            },
            { client: trx }
          )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'handover.need_set',
        subjectType: 'handover_need',
        subjectId: need.id,
        before,
        after: {
          shelterId: shelter.id,
          year: input.year,
          method: values.method,
          occupancyBp: values.occupancyBp,
          amountCents: values.amountCents,
          justification: values.justification,
        },
        ip,
      })
      return need
    })
  }
}
