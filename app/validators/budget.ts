import vine from '@vinejs/vine'
import { budgetHeadings } from '#domain/budget/budget'
import { cents, totalWithinRange } from '#validators/money'

/** One budget line as typed: the quantity is a decimal string with at most two decimals. */
export const budgetLine = () =>
  vine.object({
    heading: vine.enum(budgetHeadings),
    label: vine.string().trim().minLength(1).maxLength(255),
    unit: vine.string().trim().minLength(1).maxLength(40),
    quantity: vine
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,2})?$/),
    unitCostCents: cents(),
    thirdParty: vine.string().trim().maxLength(160).optional().nullable(),
  })

export const budgetCheckValidator = vine.create({
  currency: vine.string().trim().fixedLength(3).toUpperCase(),
  maxFunderShareBp: vine.number().withoutDecimals().min(1).max(10000).optional(),
  requestedFunderCents: cents().nullable().optional(),
  conceptNoteFunderCents: cents().nullable().optional(),
  minGrantCents: cents().optional(),
  maxGrantCents: cents().optional(),
  maxPerThirdPartyCents: cents().optional(),
  lines: vine
    .array(budgetLine())
    .maxLength(1000)
    .use(totalWithinRange({ amount: 'unitCostCents', quantity: 'quantity' })),
})
