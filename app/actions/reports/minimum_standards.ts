import db from '@adonisjs/lucid/services/db'
import type { Criterion } from '#models/minimum_standard'
import MinimumStandard from '#models/minimum_standard'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface MinimumStandardInput {
  titleEn: string
  titleSq: string
  titleSr: string
  descriptionEn: string
  descriptionSq: string
  descriptionSr: string
  /** The criteria in order, each in the three languages; codes follow the order (MS-05.1 …). */
  criteria: { en: string; sq: string; sr: string }[]
}

/** The MLSW's catalogue of minimum standards: titles, descriptions and criteria in three languages. */
export class MinimumStandards {
  async update(code: string, input: MinimumStandardInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const query = MinimumStandard.query({ client: trx }).where('code', code)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const standard = await query.firstOrFail()
      const before = snapshot(standard)
      const criteria: Criterion[] = input.criteria.map((text, index) => ({
        code: `${standard.code}.${index + 1}`,
        text,
      }))
      standard.merge({
        titleEn: input.titleEn,
        titleSq: input.titleSq,
        titleSr: input.titleSr,
        descriptionEn: input.descriptionEn,
        descriptionSq: input.descriptionSq,
        descriptionSr: input.descriptionSr,
        criteria,
        updatedById: by.id,
      })
      await standard.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'minimum_standard.updated',
        subjectType: 'minimum_standard',
        subjectId: standard.code,
        before,
        after: snapshot(standard),
        ip,
      })
      return standard
    })
  }
}

function snapshot(standard: MinimumStandard) {
  return {
    title: { en: standard.titleEn, sq: standard.titleSq, sr: standard.titleSr },
    description: {
      en: standard.descriptionEn,
      sq: standard.descriptionSq,
      sr: standard.descriptionSr,
    },
    criteria: standard.criteria,
  }
}
