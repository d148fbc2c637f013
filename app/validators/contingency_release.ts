import vine from '@vinejs/vine'
import { releaseHeadings } from '#domain/grants/contingency'
import { moneyAmount } from '#validators/money'

const justification = () => vine.string().trim().minLength(1).maxLength(5000)

/** A release request from the web form: the amount typed ("1 250,50"), turned into cents. */
export const requestContingencyReleaseValidator = vine.create({
  heading: vine.enum(releaseHeadings),
  amount: moneyAmount(),
  justification: justification(),
})

/** The same through the API: the amount in integer cents, like every API amount. */
export const apiRequestContingencyReleaseValidator = vine.create({
  heading: vine.enum(releaseHeadings),
  amountCents: vine.number().withoutDecimals().min(1).max(Number.MAX_SAFE_INTEGER),
  justification: justification(),
})

/** The funder's decision; a comment is always written. */
export const contingencyReleaseDecisionValidator = vine.create({
  decision: vine.enum(['approve', 'refuse'] as const),
  comment: vine.string().trim().minLength(1).maxLength(2000),
})
