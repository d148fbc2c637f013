import db from '@adonisjs/lucid/services/db'
import ResultsRefusalException from '#exceptions/results_refusal_exception'
import Indicator from '#models/indicator'
import IndicatorValue from '#models/indicator_value'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { StoredFile } from '#services/file_store'

export interface IndicatorValueInput {
  year: number
  grantId: number | null
  value: number
  evidence: StoredFile
}

/**
 * Records the value of an indicator entered with evidence for a year (and
 * optionally a grant). Earlier entries are kept; the latest counts.
 */
export class RecordIndicatorValue {
  async handle(indicatorId: number, input: IndicatorValueInput, by: User, ip: string | null) {
    return db.transaction(async (trx) => {
      const query = Indicator.query({ client: trx }).where('id', indicatorId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const indicator = await query.firstOrFail()
      if (indicator.rule !== 'manual') {
        throw new ResultsRefusalException('results.errors.not_manual')
      }
      const previous = await IndicatorValue.query({ client: trx })
        .where('indicator_id', indicator.id)
        .where('year', input.year)
        .if(input.grantId === null, (q) => q.whereNull('grant_id'))
        .if(input.grantId !== null, (q) => q.where('grant_id', input.grantId!))
        .orderBy('id', 'desc')
        .first()
      const value = await IndicatorValue.create(
        {
          indicatorId: indicator.id,
          year: input.year,
          grantId: input.grantId,
          value: input.value,
          evidenceFileKey: input.evidence.key,
          evidenceFileName: input.evidence.fileName,
          evidenceSha256: input.evidence.sha256,
          enteredById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'indicator.value_recorded',
        subjectType: 'indicator',
        subjectId: indicator.id,
        before: previous
          ? { year: previous.year, grantId: previous.grantId, value: previous.value }
          : undefined,
        after: {
          year: value.year,
          grantId: value.grantId,
          value: value.value,
          evidence: { fileName: value.evidenceFileName, sha256: value.evidenceSha256 },
        },
        ip,
      })
      return value
    })
  }
}
