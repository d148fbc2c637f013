import { keyedValidationError } from '#exceptions/translated_validation'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { OrganisationKind } from '#domain/roles'
import Organisation from '#models/organisation'

/** The fields of the organisation registry, in the order the audit shows them. */
export const registryFields = [
  'name',
  'kind',
  'legalName',
  'shortName',
  'registrationNumber',
  'fiscalNumber',
  'address',
  'municipalityCode',
  'legalRepresentative',
  'contactPerson',
  'email',
  'phone',
  'website',
  'status',
] as const

export type RegistryField = (typeof registryFields)[number]

export type RegistryData = {
  name: string
  kind: OrganisationKind
  status?: 'active' | 'inactive'
} & Partial<Record<Exclude<RegistryField, 'name' | 'kind' | 'status'>, string | null>>

/** The registry fields of an organisation, for the audit's before and after. */
export function registrySnapshot(organisation: Organisation) {
  return Object.fromEntries(registryFields.map((field) => [field, organisation[field] ?? null]))
}

/**
 * One organisation per registration number. Checked before writing for a
 * clear message; the unique index catches the race between two requests.
 */
export async function refuseDuplicateRegistration(
  trx: TransactionClientContract,
  registrationNumber: string | null | undefined,
  exceptId?: number
) {
  if (!registrationNumber) return
  const query = Organisation.query({ client: trx }).where('registrationNumber', registrationNumber)
  if (exceptId) query.whereNot('id', exceptId)
  if (await query.first()) throw duplicateRegistration()
}

export function duplicateRegistration() {
  return keyedValidationError([
    {
      field: 'registrationNumber',
      rule: 'unique',
      key: 'texts.organisations.registration_taken',
    },
  ])
}

/** A unique-index violation on the registration number, in either database. */
export function isDuplicateRegistration(error: unknown) {
  const e = error as { code?: string; message?: string; constraint?: string }
  return (
    e?.constraint === 'organisations_registration_number_unique' ||
    (String(e?.code ?? '').startsWith('SQLITE_CONSTRAINT') &&
      String(e?.message ?? '').includes('organisations.registration_number')) ||
    String(e?.message ?? '').includes('UNIQUE constraint failed: organisations.registration_number')
  )
}
