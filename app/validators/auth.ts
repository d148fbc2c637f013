import vine from '@vinejs/vine'
import { maxTokenDays, tokenScopes } from '#domain/api_tokens'

const email = () => vine.string().trim().email().maxLength(254).toLowerCase()

/** A new password: long enough to matter, short enough for scrypt input. */
export const newPassword = () => vine.string().minLength(10).maxLength(200)

export const loginValidator = vine.create({
  email: email(),
  password: vine.string().minLength(1).maxLength(200),
})

export const forgotPasswordValidator = vine.create({
  email: email(),
})

export const resetPasswordValidator = vine.create({
  password: newPassword().confirmed({ confirmationField: 'passwordConfirmation' }),
})

const tokenFields = {
  name: () => vine.string().trim().minLength(1).maxLength(100),
  scope: () => vine.enum(tokenScopes),
  expiresInDays: () => vine.number().withoutDecimals().min(1).max(maxTokenDays),
}

/** POST /api/v1/tokens: credentials, with an optional name, scope and lifetime. */
export const createTokenValidator = vine.create({
  email: email(),
  password: vine.string().minLength(1).maxLength(200),
  name: tokenFields.name().optional(),
  scope: tokenFields.scope().optional(),
  expiresInDays: tokenFields.expiresInDays().optional(),
  /** The authenticator code, for accounts with two-factor sign-in. */
  otp: vine.string().trim().minLength(6).maxLength(32).optional(),
})

/** A token made on the profile page. */
export const profileTokenValidator = vine.create({
  name: tokenFields.name(),
  scope: tokenFields.scope(),
  expiresInDays: tokenFields.expiresInDays(),
})

/** A code from the authenticator app, or a recovery code. */
export const secondFactorValidator = vine.create({
  code: vine.string().trim().minLength(6).maxLength(32),
})

/** Confirming enrolment: a six-digit code from the authenticator app. */
export const enrolTwoFactorValidator = vine.create({
  code: vine
    .string()
    .trim()
    .regex(/^\d{6}$/),
})
