import vine from '@vinejs/vine'
import { electronicFormatIBAN, isValidIBAN } from 'ibantools'
import { offeredMunicipality } from '#validators/municipalities'

/**
 * An IBAN checked by ibantools (country format and checksum); stored in its
 * electronic format, without spaces. Kosovo's IBANs start with XK.
 */
export const iban = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const electronic = electronicFormatIBAN(value) ?? ''
  if (!isValidIBAN(electronic)) {
    field.report(
      'The IBAN is not valid (check the country code, length and check digits)',
      'iban',
      field
    )
    return
  }
  field.mutate(electronic, field)
})

export const organisationProfileValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(255),
  legalName: vine.string().trim().maxLength(255).optional(),
  registrationNumber: vine.string().trim().maxLength(40).optional(),
  fiscalNumber: vine.string().trim().maxLength(40).optional(),
  municipalityCode: vine.string().exists(offeredMunicipality).optional(),
  address: vine.string().trim().maxLength(255).optional(),
  contactPerson: vine.string().trim().maxLength(160).optional(),
  phone: vine.string().trim().maxLength(40).optional(),
  email: vine.string().trim().email().maxLength(254).optional(),
  website: vine.string().trim().url().maxLength(255).optional(),
})
