import vine, { errors as vineErrors } from '@vinejs/vine'
import { bulkRules, bulkScopes } from '#domain/reports/bulk_admission'
import { standardCodes } from '#domain/reports/minimum_standards'
import { parseRate } from '#domain/reports/exchange'
import { vatTreatments } from '#domain/reports/eligibility'
import { isoDate } from '#validators/dates'
import { cents, moneyAmount } from '#validators/money'
import { recordId } from '#validators/ids'

const rate = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' || value === '') return
  if (parseRate(value) === null) field.report('Enter the rate like 117.5432', 'rate', field)
})

const lineFields = {
  spentOn: isoDate(),
  supplier: vine.string().trim().minLength(1).maxLength(255),
  description: vine.string().trim().minLength(1).maxLength(2000),
  budgetLineId: recordId(),
  standard: vine.enum(standardCodes),
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  exchangeRate: vine.string().trim().maxLength(20).use(rate()).optional(),
  rateSource: vine.string().trim().maxLength(160).optional(),
  vat: vine.enum(vatTreatments).optional(),
  receiptNumber: vine.string().trim().maxLength(80).optional(),
  supplierCountry: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional(),
}

/** A line typed in the browser: the amount as a person writes it. */
export const lineFormValidator = vine.create({ ...lineFields, amount: moneyAmount() })

/** A line through the API: the amount in cents of its currency. */
export const lineApiValidator = vine.create({
  ...lineFields,
  amountCents: cents({ min: 1 }),
})

export const openReportValidator = vine.create({
  periodNumber: vine.number().withoutDecimals().min(1).max(20),
})

export const summaryValidator = vine.create({
  summary: vine.string().trim().maxLength(10000).optional(),
})

export const admissionFormValidator = vine.create({
  admitted: moneyAmount(),
  reason: vine.string().trim().maxLength(1000).optional(),
})

/** Bulk admission of lines of one report: which lines, which rule, one reason. */
export const bulkAdmissionValidator = vine.create({
  scope: vine.enum(bulkScopes),
  lineIds: vine
    .array(vine.number().withoutDecimals().min(1).max(Number.MAX_SAFE_INTEGER))
    .maxLength(5000)
    .optional(),
  rule: vine.enum(bulkRules),
  reason: vine.string().trim().maxLength(1000).optional(),
})

export const admissionApiValidator = vine.create({
  admittedCents: cents(),
  reason: vine.string().trim().maxLength(1000).optional(),
})

export const reportReturnValidator = vine.create({
  comment: vine.string().trim().minLength(3).maxLength(5000),
})

/**
 * A bound that depends on stored data (the admitted amount of a line is at
 * most its claimed amount): refused like any other invalid field, with 422.
 */
export function assertAtMost(field: string, value: number, max: number, message: string) {
  if (value > max) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'max' }])
  }
}

/** The funder's finance officer accepts (or no longer accepts) late costs on a budget line. */
export const lateCostAcceptanceValidator = vine.create({
  accepted: vine.boolean(),
})
