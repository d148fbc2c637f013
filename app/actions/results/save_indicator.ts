import db from '@adonisjs/lucid/services/db'
import ResultsRefusalException from '#exceptions/results_refusal_exception'
import type { IndicatorRule } from '#domain/results/framework'
import Indicator from '#models/indicator'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface IndicatorInput {
  resultId: number
  code: string
  titleEn: string
  titleSq: string
  titleSr: string
  unit: string
  sourceOfVerification: string
  disaggregation: string[]
  rule: IndicatorRule
  /** The statistic measure, for the rule `service_statistics`; empty otherwise. */
  measure: string
  baselineYear: number
  baselineValue: number
  targets: Record<string, number>
}

/**
 * Creates an indicator under a result, or changes one (`id`): its
 * definition, baseline and targets per year; audited with before and after.
 */
export class SaveIndicator {
  async handle(id: number | null, input: IndicatorInput, by: User, ip: string | null) {
    return db.transaction(async (trx) => {
      let indicator: Indicator
      const taken = await trx
        .from('indicators')
        .where('code', input.code)
        .if(id !== null, (q) => q.whereNot('id', id!))
        .first()
      if (taken)
        throw new ResultsRefusalException('results.errors.code_taken', { code: input.code })
      let before: ReturnType<typeof indicatorSnapshot> | null = null
      if (id === null) {
        indicator = new Indicator().useTransaction(trx)
      } else {
        const query = Indicator.query({ client: trx }).where('id', id)
        if (trx.dialect.name === 'postgres') query.forUpdate()
        indicator = await query.firstOrFail()
        before = indicatorSnapshot(indicator)
      }
      indicator.merge({
        ...input,
        measure: input.rule === 'service_statistics' ? input.measure : '',
        updatedById: by.id,
      })
      await indicator.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: id === null ? 'indicator.created' : 'indicator.updated',
        subjectType: 'indicator',
        subjectId: indicator.id,
        before: before ?? undefined,
        after: indicatorSnapshot(indicator),
        ip,
      })
      return indicator
    })
  }
}

export function indicatorSnapshot(indicator: Indicator) {
  return {
    resultId: indicator.resultId,
    code: indicator.code,
    title: { en: indicator.titleEn, sq: indicator.titleSq, sr: indicator.titleSr },
    unit: indicator.unit,
    sourceOfVerification: indicator.sourceOfVerification,
    disaggregation: indicator.disaggregation,
    rule: indicator.rule,
    measure: indicator.measure,
    baseline: { year: indicator.baselineYear, value: indicator.baselineValue },
    targets: indicator.targets,
  }
}
