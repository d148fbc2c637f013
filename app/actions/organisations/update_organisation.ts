import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/organisation'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  duplicateRegistration,
  isDuplicateRegistration,
  refuseDuplicateRegistration,
  registryFields,
  registrySnapshot,
  type RegistryData,
} from '#actions/organisations/registry_fields'

/**
 * The funder edits an organisation's registry entry. Only the fields given
 * change; the audit keeps the entry before and after.
 */
export class UpdateOrganisation {
  async handle(id: number, changes: Partial<RegistryData>, by: User, ip: string) {
    try {
      return await db.transaction(async (trx) => {
        const organisation = await Organisation.query({ client: trx })
          .where('id', id)
          .forUpdate()
          .firstOrFail()
        if (changes.registrationNumber !== undefined) {
          await refuseDuplicateRegistration(trx, changes.registrationNumber, organisation.id)
        }
        const before = registrySnapshot(organisation)
        for (const field of registryFields) {
          if (changes[field] !== undefined) organisation.$setAttribute(field, changes[field])
        }
        await organisation.save()
        await AuditTrail.record(trx, {
          actorId: by.id,
          organisationId: organisation.id,
          action: 'organisation.updated',
          subjectType: 'organisation',
          subjectId: organisation.id,
          before,
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
