import vine from '@vinejs/vine'
import { roles } from '#domain/roles'
import { newPassword } from '#validators/auth'
import { recordId } from '#validators/ids'

export const supportedLocales = ['en', 'sq', 'sr-Latn'] as const

export const invitationValidator = vine.create({
  email: vine.string().trim().email().maxLength(254).toLowerCase(),
  fullName: vine.string().trim().minLength(2).maxLength(160),
  organisationId: recordId().exists({ table: 'organisations', column: 'id' }),
  role: vine.enum(roles),
  /** The person also manages the organisation's people (ADR 0020). */
  managesPeople: vine.boolean().optional(),
})

export const profileValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(160),
  locale: vine.enum(supportedLocales).optional(),
})

export const changePasswordValidator = vine.create({
  currentPassword: vine.string().maxLength(200),
  password: newPassword().confirmed({ confirmationField: 'passwordConfirmation' }),
})

export const localeValidator = vine.create({
  locale: vine.enum(supportedLocales),
})

/** The first administrator and the funder, as the admin:create command takes them. */
export const firstAdminValidator = vine.create({
  email: vine.string().trim().email().maxLength(254).toLowerCase(),
  fullName: vine.string().trim().minLength(2).maxLength(160),
  password: newPassword(),
  organisationName: vine.string().trim().minLength(2).maxLength(255),
})

/** A role given to a person in an organisation (ADR 0020). */
export const roleChangeValidator = vine.create({
  organisationId: recordId().exists({ table: 'organisations', column: 'id' }),
  role: vine.enum(roles),
})

/** Let a member manage their organisation's people, or stop it. */
export const peopleManagerValidator = vine.create({
  organisationId: recordId().exists({ table: 'organisations', column: 'id' }),
})
