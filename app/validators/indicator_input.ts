import type { Infer } from '@vinejs/vine/types'
import type { IndicatorInput } from '#actions/results/save_indicator'
import { parseTargets } from '#domain/results/framework'
import type { indicatorValidator } from '#validators/results'

/** The validated form or API body as the action takes it (targets typed "2026=11, 2027=12"). */
export function indicatorInput(data: Infer<typeof indicatorValidator>): IndicatorInput {
  return {
    resultId: data.resultId,
    code: data.code,
    titleEn: data.titleEn,
    titleSq: data.titleSq,
    titleSr: data.titleSr,
    unit: data.unit,
    sourceOfVerification: data.sourceOfVerification ?? '',
    disaggregation: data.disaggregation ?? [],
    rule: data.rule,
    measure: data.measure ?? '',
    baselineYear: data.baselineYear,
    baselineValue: data.baselineValue,
    targets: parseTargets(data.targets ?? '') ?? {},
  }
}
