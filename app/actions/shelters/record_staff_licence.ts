import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Shelter from '#models/shelter'
import StaffLicence from '#models/staff_licence'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/** Records a professional licence of a member of the shelter's staff (by role, MS-09). */
export class RecordStaffLicence {
  async handle(
    shelter: Shelter,
    data: { roleTitle: string; licenceNumber: string; expiresOn: string },
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const staffLicence = await StaffLicence.create(
        { shelterId: shelter.id, ...data, expiresOn: DateTime.fromISO(data.expiresOn) },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'staff_licence.recorded',
        subjectType: 'staff_licence',
        subjectId: staffLicence.id,
        after: data,
        ip,
      })
      return staffLicence
    })
  }
}
