import vine from '@vinejs/vine'
import { cents, moneyAmount } from '#validators/money'

/** The grantee's declaration of the shelter's total operating cost in the period. */
export const declareOperatingCostValidator = vine.create({
  amount: moneyAmount(),
  note: vine.string().trim().maxLength(2000).optional(),
})

/** The verifier's accepted figure; a note is required by the action when it differs. */
export const verifyOperatingCostValidator = vine.create({
  amount: moneyAmount(),
  note: vine.string().trim().maxLength(2000).optional(),
})

/** The same through the API: integer cents. */
export const apiOperatingCostValidator = vine.create({
  amountCents: cents(),
  note: vine.string().trim().maxLength(2000).optional(),
})
