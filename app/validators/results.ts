import vine from '@vinejs/vine'
import { indicatorMeasures } from '#domain/reports/indicators'
import { disaggregations, indicatorRules, indicatorUnits } from '#domain/results/framework'

const code = () =>
  vine
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9.\-]{0,23}$/)
const title = () => vine.string().trim().minLength(3).maxLength(500)
const year = () => vine.number().withoutDecimals().range([2000, 2100])

/** A programme result: its code (e.g. R7) and title in the three languages. */
export const resultValidator = vine.create({
  code: code(),
  titleEn: title(),
  titleSq: title(),
  titleSr: title(),
})

/**
 * An indicator under a result. Targets are typed as "2026=11, 2027=12";
 * the controller turns them into a record (`parseTargets`). The measure is
 * needed when the actual value comes from the service statistics.
 */
export const indicatorValidator = vine.create({
  resultId: vine.number().withoutDecimals().positive().exists({ table: 'results', column: 'id' }),
  code: code(),
  titleEn: title(),
  titleSq: title(),
  titleSr: title(),
  unit: vine.enum(indicatorUnits),
  sourceOfVerification: vine.string().trim().maxLength(2000).optional(),
  disaggregation: vine.array(vine.enum(disaggregations)).maxLength(3).optional(),
  rule: vine.enum(indicatorRules),
  measure: vine.enum(indicatorMeasures).optional().requiredWhen('rule', '=', 'service_statistics'),
  baselineYear: year(),
  baselineValue: vine.number().withoutDecimals().min(0).max(1_000_000_000),
  targets: vine
    .string()
    .trim()
    .maxLength(1000)
    .regex(/^(\s*\d{4}\s*[=:]\s*\d{1,9}\s*([,;\n]|$))*\s*$/)
    .optional(),
})

/** A value entered with evidence (the document is checked apart, as an upload). */
export const indicatorValueValidator = vine.create({
  year: year(),
  grantId: vine
    .number()
    .withoutDecimals()
    .positive()
    .exists({ table: 'grants', column: 'id' })
    .optional(),
  value: vine.number().withoutDecimals().min(0).max(1_000_000_000),
})
