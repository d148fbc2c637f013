import type OrganisationBankAccount from '#models/organisation_bank_account'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { rolesIn } from '#domain/roles'

/** The API shape of an organisation: an explicit allow-list of fields. */
export function organisationJson(organisation: Organisation) {
  return {
    id: organisation.id,
    name: organisation.name,
    shortName: organisation.shortName,
    kind: organisation.kind,
    municipalityCode: organisation.municipalityCode,
    legalName: organisation.legalName,
    registrationNumber: organisation.registrationNumber,
    fiscalNumber: organisation.fiscalNumber,
    address: organisation.address,
    legalRepresentative: organisation.legalRepresentative,
    contactPerson: organisation.contactPerson,
    email: organisation.email,
    phone: organisation.phone,
    website: organisation.website,
    status: organisation.status,
  }
}

/** `GET /api/v1/me`. */
export function meJson(user: User) {
  const seen = new Map<number, { id: number; name: string; kind: string; roles: string[] }>()
  for (const membership of user.memberships) {
    const organisation = membership.organisation
    if (!seen.has(organisation.id)) {
      seen.set(organisation.id, {
        id: organisation.id,
        name: organisation.name,
        kind: organisation.kind,
        roles: rolesIn(user.memberships, organisation.id),
      })
    }
  }
  return { id: user.id, email: user.email, name: user.fullName, organisations: [...seen.values()] }
}

/** The API shape of a bank account; the certificate as its name and checksum. */
export function bankAccountJson(account: OrganisationBankAccount) {
  return {
    id: account.id,
    organisationId: account.organisationId,
    iban: account.iban,
    holderName: account.holderName,
    bankName: account.bankName,
    currency: account.currency,
    isPrimary: account.isPrimary,
    certificate: account.certificateFileName
      ? { fileName: account.certificateFileName, sha256: account.certificateSha256 }
      : null,
  }
}
