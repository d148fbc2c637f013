import db from '@adonisjs/lucid/services/db'
import ResultsRefusalException from '#exceptions/results_refusal_exception'
import Result from '#models/result'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface ResultInput {
  code: string
  titleEn: string
  titleSq: string
  titleSr: string
}

/** Creates a programme result, or changes one (`id`); audited with before and after. */
export class SaveResult {
  async handle(id: number | null, input: ResultInput, by: User, ip: string | null) {
    return db.transaction(async (trx) => {
      let result: Result
      const taken = await trx
        .from('results')
        .where('code', input.code)
        .if(id !== null, (q) => q.whereNot('id', id!))
        .first()
      if (taken)
        throw new ResultsRefusalException('results.errors.code_taken', { code: input.code })
      let before: ReturnType<typeof resultSnapshot> | null = null
      if (id === null) {
        result = new Result().useTransaction(trx)
      } else {
        const query = Result.query({ client: trx }).where('id', id)
        if (trx.dialect.name === 'postgres') query.forUpdate()
        result = await query.firstOrFail()
        before = resultSnapshot(result)
      }
      result.merge({ ...input, updatedById: by.id })
      await result.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: id === null ? 'result.created' : 'result.updated',
        subjectType: 'result',
        subjectId: result.id,
        before: before ?? undefined,
        after: resultSnapshot(result),
        ip,
      })
      return result
    })
  }
}

export function resultSnapshot(result: Result) {
  return {
    code: result.code,
    title: { en: result.titleEn, sq: result.titleSq, sr: result.titleSr },
  }
}
