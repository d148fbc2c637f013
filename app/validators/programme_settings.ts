import vine from '@vinejs/vine'
import type { SchemaTypes } from '@vinejs/vine/types'
import { programmeLanguages } from '#domain/settings/programme_settings'
import { isoDate } from '#validators/dates'
import { cents, moneyAmount, percentAsBasisPoints } from '#validators/money'

/* One list of fields for the page (percentages and amounts typed as text)
 * and the API (integer basis points and cents): they can't drift apart. */
interface FieldKinds<B, M, O, D> {
  bp: () => B
  money: () => M
  optionalMoney: () => O
  days: () => D
}

const count = (min: number, max: number) => vine.number().withoutDecimals().min(min).max(max)

function settingsFields<
  B extends SchemaTypes,
  M extends SchemaTypes,
  O extends SchemaTypes,
  D extends SchemaTypes,
>(kinds: FieldKinds<B, M, O, D>) {
  return {
    effectiveFrom: isoDate(),
    actionTitle: vine.string().trim().minLength(3).maxLength(255),
    decisionNumber: vine.string().trim().maxLength(100).optional(),
    actionStartsOn: isoDate(),
    actionEndsOn: isoDate(),
    currency: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/),
    languages: vine.array(vine.enum(programmeLanguages)).minLength(1).distinct(),
    maxFunderShareBp: kinds.bp(),
    cofinancingMinBp: kinds.bp(),
    indirectCapBp: kinds.bp(),
    contingencyCapBp: kinds.bp(),
    maxPerThirdPartyCents: kinds.money(),
    maxRequestChangeBp: kinds.bp(),
    maxDurationMonths: count(1, 120),
    prefinancingCapBp: kinds.bp(),
    optionOnePrefinancingBp: kinds.bp(),
    optionOneMaxMonths: count(1, 120),
    optionOneMaxFunderCents: kinds.money(),
    flexibilityBp: kinds.bp(),
    addendumNoticeDays: count(0, 365),
    licenceReminderDays: kinds.days(),
    reportReminderDaysBefore: kinds.days(),
    reportReminderDaysAfter: kinds.days(),
    publicationMinimum: count(2, 100),
    handoverOccupancyBp: kinds.bp(),
    bedYearNormCents: kinds.optionalMoney(),
    handoverTargetPathBp: vine.array(count(0, 10_000)).minLength(1).maxLength(20),
  }
}

/** "90, 60, 30, 0" → [90, 60, 30, 0]: whole days from 0 to 365, distinct, in the order typed. */
const dayList = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const parts = value.split(/[\s,;]+/).filter(Boolean)
  const ok =
    parts.length <= 10 &&
    parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 365) &&
    new Set(parts.map(Number)).size === parts.length
  if (!ok) field.report('Enter whole days from 0 to 365, separated by commas', 'dayList', field)
})
const toDays = (value: string) =>
  value
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number)

/** The page's form: percentages ("95"), amounts ("60 000,00"), day lists ("90, 60, 30"). */
export const programmeSettingsFormValidator = vine.create({
  ...settingsFields({
    bp: () => percentAsBasisPoints(),
    money: () => moneyAmount(),
    optionalMoney: () => moneyAmount().optional(),
    days: () => vine.string().trim().maxLength(60).use(dayList()).transform(toDays),
  }),
  handoverTargetPathBp: vine
    .string()
    .trim()
    .regex(/^\d{1,3}(?:[.,]\d{1,2})?(?:\s*[;/ ]\s*\d{1,3}(?:[.,]\d{1,2})?)*$/)
    .transform((value) =>
      value
        .split(/\s*[;/ ]\s*/)
        .filter(Boolean)
        .map((part) => Math.round(Number(part.replace(',', '.')) * 100))
    ),
})

/** The API's body: integer basis points (9500 = 95 %), integer cents, arrays of days. */
export const programmeSettingsApiValidator = vine.create(
  settingsFields({
    bp: () => vine.number({ strict: true }).withoutDecimals().min(0).max(10_000),
    money: () => cents(),
    optionalMoney: () => cents().nullable().optional(),
    days: () => vine.array(count(0, 365)).maxLength(10).distinct(),
  })
)

/** GET /api/v1/settings?date=YYYY-MM-DD */
export const settingsDateValidator = vine.create({ date: isoDate().optional() })

/** Reference data: a municipality or a service, added or renamed. */
export const referenceItemValidator = vine.create({
  code: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/),
  nameEn: vine.string().trim().minLength(2).maxLength(120),
  nameSq: vine.string().trim().minLength(2).maxLength(120),
  nameSr: vine.string().trim().minLength(2).maxLength(120),
})

export const referenceRenameValidator = vine.create({
  nameEn: vine.string().trim().minLength(2).maxLength(120),
  nameSq: vine.string().trim().minLength(2).maxLength(120),
  nameSr: vine.string().trim().minLength(2).maxLength(120),
})

export const referenceRetireValidator = vine.create({ retiredOn: isoDate() })
