import vine from '@vinejs/vine'

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
