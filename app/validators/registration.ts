import vine from '@vinejs/vine'
import { newPassword } from '#validators/auth'
import { offeredMunicipality } from '#validators/municipalities'

/** The public NGO registration form: the organisation and its first person. */
export const ngoRegistrationValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(255),
  legalName: vine.string().trim().maxLength(255).nullable().optional(),
  registrationNumber: vine.string().trim().toUpperCase().minLength(3).maxLength(40),
  fiscalNumber: vine.string().trim().maxLength(40).nullable().optional(),
  address: vine.string().trim().maxLength(255).nullable().optional(),
  municipalityCode: vine.string().exists(offeredMunicipality).nullable().optional(),
  legalRepresentative: vine.string().trim().minLength(2).maxLength(160),
  email: vine.string().trim().email().maxLength(254).toLowerCase(),
  phone: vine.string().trim().maxLength(40).nullable().optional(),
  fullName: vine.string().trim().minLength(2).maxLength(160),
  userEmail: vine.string().trim().email().maxLength(254).toLowerCase(),
  password: newPassword().confirmed({ confirmationField: 'passwordConfirmation' }),
})

/** A grant manager's decision on a registered NGO. */
export const verificationValidator = vine.create({
  decision: vine.enum(['approve', 'return'] as const),
  reason: vine
    .string()
    .trim()
    .minLength(5)
    .maxLength(2000)
    .optional()
    .requiredWhen('decision', '=', 'return'),
})
