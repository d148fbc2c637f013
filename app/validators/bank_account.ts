import vine from '@vinejs/vine'
import { accountCurrencies } from '#domain/bank_accounts'
import { iban } from '#validators/organisation_profile'

/** A new bank account: the IBAN is checked by ibantools and stored without spaces. */
export const bankAccountValidator = vine.create({
  iban: vine.string().trim().maxLength(42).use(iban()),
  holderName: vine.string().trim().minLength(2).maxLength(255),
  bankName: vine.string().trim().maxLength(120).optional(),
  currency: vine.enum(accountCurrencies).optional(),
  isPrimary: vine.boolean().optional(),
})

/** A change to an account: its IBAN never changes (add a new account instead). */
export const bankAccountUpdateValidator = vine.create({
  holderName: vine.string().trim().minLength(2).maxLength(255).optional(),
  bankName: vine.string().trim().maxLength(120).nullable().optional(),
  currency: vine.enum(accountCurrencies).optional(),
  isPrimary: vine.literal(true).optional(),
})
