import vine from '@vinejs/vine'
import { organisationKinds } from '#domain/roles'
import { pageNumber } from '#validators/ids'
import { offeredMunicipality } from '#validators/municipalities'

export const organisationSortColumns = ['name', 'kind', 'municipality_code', 'created_at'] as const

export const organisationFilterValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  kind: vine.enum(organisationKinds).optional(),
  status: vine.enum(['active', 'inactive', 'pending'] as const).optional(),
  sort: vine.enum(organisationSortColumns).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: pageNumber().optional(),
})

/** The registry fields of an organisation, as the funder keeps them. */
const registryFields = {
  name: vine.string().trim().minLength(2).maxLength(255),
  kind: vine.enum(organisationKinds),
  legalName: vine.string().trim().maxLength(255).nullable().optional(),
  shortName: vine.string().trim().maxLength(60).nullable().optional(),
  /** The number in the Kosovo NGO register (or the business register), unique. */
  registrationNumber: vine.string().trim().toUpperCase().maxLength(40).nullable().optional(),
  fiscalNumber: vine.string().trim().maxLength(40).nullable().optional(),
  address: vine.string().trim().maxLength(255).nullable().optional(),
  municipalityCode: vine.string().exists(offeredMunicipality).nullable().optional(),
  legalRepresentative: vine.string().trim().maxLength(160).nullable().optional(),
  contactPerson: vine.string().trim().maxLength(160).nullable().optional(),
  email: vine.string().trim().email().maxLength(254).nullable().optional(),
  phone: vine.string().trim().maxLength(40).nullable().optional(),
  website: vine.string().trim().url().maxLength(255).nullable().optional(),
}

export const createOrganisationValidator = vine.create(registryFields)

/** Only the fields sent change (the web form sends them all). */
export const updateOrganisationValidator = vine.create({
  ...registryFields,
  name: registryFields.name.optional(),
  kind: vine.enum(organisationKinds).optional(),
  status: vine.enum(['active', 'inactive'] as const).optional(),
})
