import vine from '@vinejs/vine'
import { budgetHeadings } from '#domain/budget/budget'
import { cofinancingKinds } from '#domain/calls/cofinancing'
import { moneyAmount, totalWithinRange } from '#validators/money'
import { isoDate } from '#validators/dates'

export const fullApplicationValidator = vine.create({
  periodStartOn: isoDate().optional(),
  periodEndOn: isoDate({ notBefore: 'periodStartOn' }).optional(),
  requested: moneyAmount().optional(),
  narrative: vine
    .object({
      relevance: vine.string().trim().maxLength(20000).optional(),
      methodology: vine.string().trim().maxLength(20000).optional(),
      sustainability: vine.string().trim().maxLength(20000).optional(),
    })
    .optional(),
  cofinancing: vine
    .array(
      vine.object({
        kind: vine.enum(cofinancingKinds),
        source: vine.string().trim().minLength(1).maxLength(200),
        amount: moneyAmount(),
      })
    )
    .maxLength(20)
    .use(totalWithinRange({ amount: 'amount' }))
    .optional(),
  lines: vine
    .array(
      vine.object({
        heading: vine.enum(budgetHeadings),
        label: vine.string().trim().minLength(1).maxLength(255),
        unit: vine.string().trim().minLength(1).maxLength(40),
        quantity: vine
          .string()
          .trim()
          .regex(/^\d{1,9}(\.\d{1,2})?$/),
        unitCost: moneyAmount(),
        thirdParty: vine.string().trim().maxLength(160).optional(),
      })
    )
    .maxLength(500)
    .use(totalWithinRange({ amount: 'unitCost', quantity: 'quantity' }))
    .optional(),
})

/** Drops the rows of a repeated group that were left entirely blank. */
export function withoutBlankRows(body: Record<string, unknown>, groups: string[]) {
  const cleaned = { ...body }
  for (const group of groups) {
    const rows = cleaned[group]
    if (Array.isArray(rows)) {
      cleaned[group] = rows.filter(
        (row) =>
          row &&
          typeof row === 'object' &&
          Object.entries(row as Record<string, unknown>).some(
            ([key, value]) =>
              !['heading', 'level', 'kind'].includes(key) &&
              value !== null &&
              value !== undefined &&
              String(value).trim() !== ''
          )
      )
    }
  }
  return cleaned
}

/** The co-financing sources of a full application, as the API replaces them (integer cents). */
export const cofinancingSourcesValidator = vine.create({
  sources: vine
    .array(
      vine.object({
        kind: vine.enum(cofinancingKinds),
        source: vine.string().trim().minLength(1).maxLength(200),
        amountCents: vine.number().withoutDecimals().min(0).max(Number.MAX_SAFE_INTEGER),
      })
    )
    .maxLength(20),
})
