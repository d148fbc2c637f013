import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import NarrativeRefusalException from '#exceptions/narrative_refusal_exception'
import { type Logframe, logframeProblems } from '#domain/narrative/logframe'
import Indicator from '#models/indicator'
import LogframeModel from '#models/logframe'
import type { logframeValidator } from '#validators/logframe'

export type LogframeInput = Infer<typeof logframeValidator>

/** The validated form or API body as a logframe document. */
export function logframeOf(input: LogframeInput): Logframe {
  return {
    items: input.items.map((item) => ({
      ref: item.ref,
      level: item.level,
      parent: item.level === 'overall_objective' ? null : (item.parent ?? null),
      text: item.text,
    })),
    indicators: (input.indicators ?? []).map((ind) => {
      const linked = ind.programmeIndicatorId ?? null
      return {
        ref: ind.ref,
        measures: ind.measures,
        programmeIndicatorId: linked,
        title: linked ? null : (ind.title ?? null),
        unit: linked ? null : (ind.unit ?? null),
        baseline: ind.baseline ?? null,
        target: ind.target ?? null,
        source: linked ? null : (ind.source ?? null),
        disaggregated: ind.disaggregated ?? false,
      }
    }),
  }
}

/** Refuses (409, one message per field) a logframe that is not complete and coherent. */
export async function assertCompleteLogframe(trx: TransactionClientContract, logframe: Logframe) {
  const rows = await Indicator.query({ client: trx }).select('id')
  const ids = rows.map((i) => i.id)
  const problems = logframeProblems(logframe, ids)
  if (problems.length > 0) throw new NarrativeRefusalException(problems)
}

/** The logframe row of a grant, locked on PostgreSQL, or null. */
export function grantLogframeForUpdate(trx: TransactionClientContract, grantId: number) {
  const query = LogframeModel.query({ client: trx }).where('grant_id', grantId)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.first()
}
