import vine from '@vinejs/vine'
import { cents, moneyAmount } from '#validators/money'
import { pastDate } from '#validators/dates'
import { recordId } from '#validators/ids'

const comment = () => vine.string().trim().minLength(3).maxLength(2000)

/** Web form: the verified amount typed as money; empty means the payable amount. */
export const verificationFormValidator = vine.create({
  amount: moneyAmount().optional(),
  reason: vine.string().trim().maxLength(1000).optional(),
})

/** API: the verified amount in cents; absent means the payable amount. */
export const verificationApiValidator = vine.create({
  amountCents: cents().optional(),
  reason: vine.string().trim().maxLength(1000).optional(),
})

export const returnValidator = vine.create({ comment: comment() })

export const paymentValidator = vine.create({
  valueDate: pastDate(),
  bankReference: vine.string().trim().minLength(3).maxLength(80),
})

/** The Idempotency-Key header of a payment post. */
export const idempotencyKeyValidator = vine.create({
  key: vine
    .string()
    .trim()
    .minLength(8)
    .maxLength(120)
    .regex(/^[\w.:-]+$/),
})

export const grantTransitionValidator = vine.create({
  transition: vine.enum(['suspend', 'resume', 'end_implementation', 'close'] as const),
  reason: vine.string().trim().maxLength(1000).optional(),
})

export const recoverySettlementValidator = vine.create({
  settledOn: pastDate(),
  reference: vine.string().trim().minLength(3).maxLength(80),
})

export const fstpExceptionValidator = vine.create({
  applicationId: recordId(),
  amount: moneyAmount(),
  justification: vine.string().trim().minLength(10).maxLength(5000),
})

export const fstpDecisionValidator = vine.create({
  outcome: vine.enum(['approved', 'refused'] as const),
  comment: vine.string().trim().maxLength(1000).optional(),
})
