import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { defaultIndicators } from '#domain/reports/indicators'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * The logframe indicators as rows of the `indicators` table. The defaults
 * are added the first time they are needed, whatever data was seeded;
 * calling this again adds nothing (rows are matched by code, and a row
 * added by a parallel request is left alone).
 */
export class Indicators {
  async ensureDefaults(by: User | null, ip: string | null = null) {
    return db.transaction(async (trx) => {
      const existing = await trx.from('indicators').select('code')
      const known = new Set(existing.map((row) => String(row.code)))
      const missing = defaultIndicators.filter((indicator) => !known.has(indicator.code))
      if (missing.length === 0) return 0
      const now = DateTime.utc().toFormat(trx.dialect.dateTimeFormat)
      await trx
        .knexQuery()
        .table('indicators')
        .insert(
          missing.map((indicator) => ({
            code: indicator.code,
            title_en: indicator.title.en,
            title_sq: indicator.title.sq,
            title_sr: indicator.title.sr,
            measure: indicator.measure,
            baseline_year: indicator.baselineYear,
            baseline_value: indicator.baselineValue,
            targets_json: JSON.stringify(indicator.targets),
            created_at: now,
          }))
        )
        .onConflict('code')
        .ignore()
      await AuditTrail.record(trx, {
        actorId: by?.id ?? null,
        action: 'indicators.defaults_added',
        subjectType: 'indicator',
        after: missing.map((indicator) => ({
          code: indicator.code,
          measure: indicator.measure,
          baseline: { year: indicator.baselineYear, value: indicator.baselineValue },
          targets: indicator.targets,
        })),
        ip,
      })
      return missing.length
    })
  }
}
