import vine from '@vinejs/vine'

/** Filters of the InforEuro list: a currency code and/or a month (YYYY-MM). */
export const inforEuroFilterValidator = vine.create({
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  month: vine
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
})
