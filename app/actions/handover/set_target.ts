import db from '@adonisjs/lucid/services/db'
import HandoverTarget from '#models/handover_target'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface TargetInput {
  year: number
  stateShareBp: number
  municipalShareBp?: number | null
  note?: string | null
}

/**
 * An MLSW official sets the target of a plan year: for every shelter
 * (no shelter given) or one shelter's own, where a municipality agreed to
 * a share of it.
 */
export class SetTarget {
  async handle(shelterId: number | null, input: TargetInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const shelter =
        shelterId === null
          ? null
          : await Shelter.query({ client: trx }).where('id', shelterId).firstOrFail()
      const query = HandoverTarget.query({ client: trx }).where('year', input.year)
      if (shelter) query.where('shelter_id', shelter.id)
      else query.whereNull('shelter_id')
      const existing = await query.first()
      const values = {
        stateShareBp: input.stateShareBp,
        municipalShareBp: input.municipalShareBp ?? null,
        note: input.note ?? null,
        setById: by.id,
      }
      const before = existing
        ? { stateShareBp: existing.stateShareBp, municipalShareBp: existing.municipalShareBp }
        : undefined
      const target = existing
        ? await existing.merge(values).save()
        : await HandoverTarget.create(
            { shelterId: shelter?.id ?? null, year: input.year, ...values },
            { client: trx }
          )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter?.organisationId ?? null,
        action: 'handover.target_set',
        subjectType: 'handover_target',
        subjectId: target.id,
        before,
        after: {
          shelterId: shelter?.id ?? null,
          year: input.year,
          stateShareBp: values.stateShareBp,
          municipalShareBp: values.municipalShareBp,
          note: values.note,
        },
        ip,
      })
      return target
    })
  }
}
