import db from '@adonisjs/lucid/services/db'
import { UploadDocument } from '#actions/organisations/upload_document'
import {
  duplicateRegistration,
  isDuplicateRegistration,
  refuseDuplicateRegistration,
  registrySnapshot,
} from '#actions/organisations/registry_fields'
import type { DocumentType } from '#domain/documents'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { StoredFile } from '#services/file_store'
import { RegistrationMails } from '#services/registration_mails'

export interface NgoRegistration {
  name: string
  legalName?: string | null
  registrationNumber: string
  fiscalNumber?: string | null
  address?: string | null
  municipalityCode?: string | null
  legalRepresentative: string
  email: string
  phone?: string | null
  fullName: string
  userEmail: string
  password: string
  locale: string | null
}

export type RegisterNgoResult =
  { ok: true; organisation: Organisation; user: User } | { ok: false; reason: 'email_taken' }

/**
 * An NGO registers itself: the organisation (pending until the funder
 * verifies it), its first person (applicant, inactive until they confirm
 * their email) and its documents, uploaded once to the organisation's
 * documents. Sends the confirmation link.
 */
export class RegisterNgo {
  async handle(
    input: NgoRegistration,
    documents: { type: DocumentType; file: StoredFile }[],
    ip: string
  ): Promise<RegisterNgoResult> {
    let result: RegisterNgoResult
    try {
      result = await db.transaction(async (trx) => {
        await refuseDuplicateRegistration(trx, input.registrationNumber)
        if (await User.findBy('email', input.userEmail, { client: trx })) {
          return { ok: false as const, reason: 'email_taken' as const }
        }
        const organisation = await Organisation.create(
          {
            name: input.name,
            kind: 'ngo',
            legalName: input.legalName ?? null,
            registrationNumber: input.registrationNumber,
            fiscalNumber: input.fiscalNumber ?? null,
            address: input.address ?? null,
            municipalityCode: input.municipalityCode ?? null,
            legalRepresentative: input.legalRepresentative,
            contactPerson: input.fullName,
            email: input.email,
            phone: input.phone ?? null,
            status: 'pending',
          },
          { client: trx }
        )
        const user = await User.create(
          {
            email: input.userEmail,
            fullName: input.fullName,
            password: input.password,
            locale: input.locale,
            isActive: false,
          },
          { client: trx }
        )
        await Membership.create(
          {
            userId: user.id,
            organisationId: organisation.id,
            role: 'applicant',
            // The registrant manages the NGO's own people (ADR 0020).
            managesPeople: true,
          },
          { client: trx }
        )
        await AuditTrail.record(trx, {
          actorId: user.id,
          organisationId: organisation.id,
          action: 'organisation.registered',
          subjectType: 'organisation',
          subjectId: organisation.id,
          after: { ...registrySnapshot(organisation), firstUser: user.email },
          ip,
        })
        return { ok: true as const, organisation, user }
      })
    } catch (error) {
      if (isDuplicateRegistration(error)) throw duplicateRegistration()
      throw error
    }
    if (!result.ok) return result

    const upload = new UploadDocument()
    for (const document of documents) {
      await upload.handle(result.organisation, document.type, document.file, null, result.user, ip)
    }
    await RegistrationMails.confirmEmail(result.user, result.organisation)
    return result
  }
}
