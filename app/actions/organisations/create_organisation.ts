import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/organisation'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  duplicateRegistration,
  isDuplicateRegistration,
  refuseDuplicateRegistration,
  registrySnapshot,
  type RegistryData,
} from '#actions/organisations/registry_fields'

/** The funder registers an organisation of any kind; audited with its fields. */
export class CreateOrganisation {
  async handle(data: RegistryData, by: User | null, ip: string | null) {
    try {
      return await db.transaction(async (trx) => {
        await refuseDuplicateRegistration(trx, data.registrationNumber)
        const organisation = await Organisation.create(
          { ...data, status: data.status ?? 'active' },
          { client: trx }
        )
        await AuditTrail.record(trx, {
          actorId: by?.id ?? null,
          organisationId: organisation.id,
          action: 'organisation.created',
          subjectType: 'organisation',
          subjectId: organisation.id,
          after: registrySnapshot(organisation),
          ip,
        })
        return organisation
      })
    } catch (error) {
      if (isDuplicateRegistration(error)) throw duplicateRegistration()
      throw error
    }
  }
}
