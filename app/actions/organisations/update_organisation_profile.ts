import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { refuseDuplicateRegistration } from '#actions/organisations/registry_fields'

const profileFields = [
  'name',
  'legalName',
  'registrationNumber',
  'fiscalNumber',
  'municipalityCode',
  'address',
  'contactPerson',
  'phone',
  'email',
  'website',
] as const

export type ProfileChanges = Partial<
  Record<(typeof profileFields)[number], string | null | undefined>
>

/** An NGO keeps its own profile; every change is audited with before and after. */
export class UpdateOrganisationProfile {
  async handle(organisation: Organisation, changes: ProfileChanges, by: User, ip: string) {
    const pick = () =>
      Object.fromEntries(profileFields.map((field) => [field, organisation[field] ?? null]))
    await db.transaction(async (trx) => {
      await refuseDuplicateRegistration(trx, changes.registrationNumber, organisation.id)
      const before = pick()
      organisation.useTransaction(trx)
      for (const field of profileFields) {
        if (field === 'name') organisation.name = changes.name ?? organisation.name
        else organisation[field] = changes[field] ?? null
      }
      await organisation.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: organisation.id,
        action: 'organisation.profile_updated',
        subjectType: 'organisation',
        subjectId: organisation.id,
        before,
        after: pick(),
        ip,
      })
    })
  }
}
