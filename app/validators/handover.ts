import vine from '@vinejs/vine'
import { isoDate } from '#validators/dates'
import { needMethods } from '#domain/handover/need'
import { enteredSources } from '#domain/handover/position'
import { commitmentReferenceKinds } from '#models/handover_commitment'
import { moneyAmount, percentAsBasisPoints } from '#validators/money'

const year = () => vine.number().withoutDecimals().min(2000).max(2100)

/** ?year=YYYY on the dashboards, the exports and the API. */
export const handoverYearValidator = vine.create({
  year: year().optional(),
})

export const commitmentValidator = vine.create({
  year: year(),
  funderOrganisationId: vine.number().withoutDecimals().positive().optional(),
  funderName: vine.string().trim().minLength(2).maxLength(200).optional(),
  referenceKind: vine.enum(commitmentReferenceKinds),
  budgetReference: vine.string().trim().minLength(1).maxLength(120),
  committedOn: isoDate(),
  amount: moneyAmount(),
})

export const transferValidator = vine.create({
  transferredOn: isoDate(),
  amount: moneyAmount(),
  reference: vine.string().trim().maxLength(80).optional(),
})

export const needValidator = vine.create({
  year: year(),
  method: vine.enum(needMethods),
  occupancy: percentAsBasisPoints(100),
  amount: moneyAmount().optional().requiredWhen('method', '=', 'entered'),
  justification: vine
    .string()
    .trim()
    .minLength(3)
    .maxLength(2000)
    .optional()
    .requiredWhen('method', '=', 'entered')
    .requiredIfExists('amount'),
})

export const targetValidator = vine.create({
  year: year(),
  stateShare: percentAsBasisPoints(100),
  municipalShare: percentAsBasisPoints(100).optional(),
  note: vine.string().trim().maxLength(1000).optional(),
})

export const otherFundingValidator = vine.create({
  year: year(),
  source: vine.enum(enteredSources),
  funderName: vine.string().trim().minLength(2).maxLength(200),
  amount: moneyAmount(),
  note: vine.string().trim().maxLength(1000).optional(),
})

/** Why a commitment, a transfer or another source is cancelled: always given. */
export const cancellationValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(1000),
})
