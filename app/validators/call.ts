import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { offeredService } from '#validators/licence_services'
import { moneyAmount, multipleAsBasisPoints, percentAsBasisPoints } from '#validators/money'
import { recordId } from '#validators/ids'

/** A local date and time that exists, between 2000 and ten years from now. */
const existingDateTime = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const at = DateTime.fromISO(value, { zone: 'Europe/Belgrade' })
  if (!at.isValid || at.year < 2000 || at > DateTime.now().plus({ years: 10 })) {
    field.report('Enter a real date and time', 'dateTime', field)
  }
})

/** Local date and time as typed in a datetime-local field (Kosovo time). */
const localDateTime = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    .use(existingDateTime())

export const callValidator = vine.create({
  reference: vine.string().trim().minLength(3).maxLength(60),
  titleEn: vine.string().trim().minLength(3).maxLength(255),
  titleSq: vine.string().trim().maxLength(255).optional(),
  titleSr: vine.string().trim().maxLength(255).optional(),
  descriptionEn: vine.string().trim().maxLength(20000).optional(),
  descriptionSq: vine.string().trim().maxLength(20000).optional(),
  descriptionSr: vine.string().trim().maxLength(20000).optional(),
  procedure: vine.enum(['restricted', 'open'] as const),
  parentGrantId: recordId().optional(),
  budgetEnvelope: moneyAmount(),
  minGrant: moneyAmount(),
  maxGrant: moneyAmount(),
  maxFunderShare: percentAsBasisPoints(),
  maxPerThirdParty: moneyAmount(),
  eligibleServices: vine.array(offeredService()).distinct().optional(),
  checklist: vine.string().trim().maxLength(5000).optional(),
  conceptGrid: vine.string().trim().maxLength(20000),
  fullGrid: vine.string().trim().maxLength(20000),
  conceptDeadline: localDateTime(),
  fullDeadline: localDateTime().optional(),
  minDaysToConceptDeadline: vine.number().withoutDecimals().min(0).max(365),
  minDaysToFullDeadline: vine.number().withoutDecimals().min(0).max(365),
  shortlistMultiple: multipleAsBasisPoints(),
  spreadFlag: percentAsBasisPoints(),
  minDurationMonths: vine.number().withoutDecimals().min(1).max(120).optional(),
  maxDurationMonths: vine.number().withoutDecimals().min(1).max(120).optional(),
  allowsInKind: vine.boolean().optional(),
})

/** The call's implementation period limits and in-kind rule, as the API sets them. */
export const callImplementationRulesValidator = vine.create({
  minDurationMonths: vine.number().withoutDecimals().min(1).max(120),
  maxDurationMonths: vine.number().withoutDecimals().min(1).max(120),
  allowsInKind: vine.boolean(),
})
