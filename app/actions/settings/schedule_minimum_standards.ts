import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MinimumStandard from '#models/minimum_standard'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'

export type ScheduleStandardsResult =
  | { ok: true; effectiveFrom: string; created: boolean }
  | { ok: false; errors: { effectiveFrom: 'effective_in_past' | 'effective_taken' } }

/**
 * Adds a version of the minimum standards catalogue from a date (today at
 * the earliest): a copy of the version in force on that date, which the
 * MLSW then edits standard by standard. Reports whose period began before
 * it keep being judged against the version they had. Audited.
 */
export class ScheduleMinimumStandards {
  async handle(
    effectiveFrom: string,
    by: User,
    ip: string | null,
    today = todayInKosovo()
  ): Promise<ScheduleStandardsResult> {
    if (effectiveFrom < today) return { ok: false, errors: { effectiveFrom: 'effective_in_past' } }
    return db.transaction(async (trx) => {
      const created = await startVersion(trx, effectiveFrom, by, ip)
      if (!created)
        return { ok: false as const, errors: { effectiveFrom: 'effective_taken' as const } }
      return { ok: true as const, effectiveFrom, created }
    })
  }
}

/**
 * Makes the version from `effectiveFrom` by copying the one in force on
 * that date, unless it exists; audited as `minimum_standards.scheduled`.
 * Returns whether it made one.
 */
export async function startVersion(
  trx: TransactionClientContract,
  effectiveFrom: string,
  by: User,
  ip: string | null
): Promise<boolean> {
  if (trx.dialect.name === 'postgres') {
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [7_340_280])
  }
  const existing = await MinimumStandard.query({ client: trx })
    .where('effective_from', effectiveFrom)
    .first()
  if (existing) return false
  const current = await new MinimumStandardCatalogue(trx).on(effectiveFrom)
  for (const standard of current) {
    await MinimumStandard.create(
      {
        code: standard.code,
        position: standard.position,
        titleEn: standard.titleEn,
        titleSq: standard.titleSq,
        titleSr: standard.titleSr,
        descriptionEn: standard.descriptionEn,
        descriptionSq: standard.descriptionSq,
        descriptionSr: standard.descriptionSr,
        criteria: standard.criteria,
        updatedById: by.id,
        effectiveFrom: DateTime.fromISO(effectiveFrom),
      },
      { client: trx }
    )
  }
  await AuditTrail.record(trx, {
    actorId: by.id,
    action: 'minimum_standards.scheduled',
    subjectType: 'minimum_standards',
    subjectId: effectiveFrom,
    before: { effectiveFrom: current[0]?.effectiveFromIso ?? null },
    after: { effectiveFrom, codes: current.map((s) => s.code) },
    ip,
  })
  return true
}
