import db from '@adonisjs/lucid/services/db'
import { startVersion } from '#actions/settings/schedule_minimum_standards'
import type { Criterion } from '#models/minimum_standard'
import MinimumStandard from '#models/minimum_standard'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'

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

/**
 * The MLSW's catalogue of minimum standards: titles, descriptions and
 * criteria in three languages, versioned by date. An edit goes into the
 * version from `effectiveFrom` (today by default, never earlier): when no
 * version starts that day, one is made from the version in force, so a
 * report judged against an older version keeps it.
 */
export class MinimumStandards {
  async update(
    code: string,
    input: MinimumStandardInput,
    by: User,
    ip: string,
    options: { effectiveFrom?: string; today?: string } = {}
  ) {
    const today = options.today ?? todayInKosovo()
    const effectiveFrom =
      options.effectiveFrom && options.effectiveFrom > today ? options.effectiveFrom : today
    return db.transaction(async (trx) => {
      await startVersion(trx, effectiveFrom, by, ip)
      const query = MinimumStandard.query({ client: trx })
        .where('code', code)
        .where('effective_from', effectiveFrom)
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
        after: { ...snapshot(standard), effectiveFrom },
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
