import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TargetGroup } from '#domain/shelters'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface ShelterData {
  name: string
  municipalityCode: string
  capacityBeds: number
  targetGroups: TargetGroup[]
  openedOn?: string | null
  /** Left out (undefined): the address stays as it is (the editor may not read it). */
  confidentialAddress?: string | null
}

/** Creates or edits a shelter. The audit keeps that the address changed, not the address. */
export class SaveShelter {
  async handle(
    organisationId: number,
    shelter: Shelter | null,
    data: ShelterData,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const target = shelter ?? new Shelter()
      target.useTransaction(trx)
      const before = shelter ? this.snapshot(shelter) : undefined
      const addressBefore = shelter?.confidentialAddress ?? null
      target.merge({
        organisationId,
        name: data.name,
        municipalityCode: data.municipalityCode,
        capacityBeds: data.capacityBeds,
        targetGroups: data.targetGroups,
        openedOn: data.openedOn ? DateTime.fromISO(data.openedOn) : null,
        confidentialAddress:
          data.confidentialAddress === undefined
            ? (shelter?.confidentialAddress ?? null)
            : data.confidentialAddress,
        status: shelter?.status ?? 'open',
      })
      await target.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId,
        action: shelter ? 'shelter.updated' : 'shelter.created',
        subjectType: 'shelter',
        subjectId: target.id,
        before,
        after: {
          ...this.snapshot(target),
          addressChanged: addressBefore !== target.confidentialAddress,
        },
        ip,
      })
      return target
    })
  }

  private snapshot(shelter: Shelter) {
    return {
      name: shelter.name,
      municipalityCode: shelter.municipalityCode,
      capacityBeds: shelter.capacityBeds,
      targetGroups: shelter.targetGroups,
      openedOn: shelter.openedOn?.toISODate() ?? null,
    }
  }
}
