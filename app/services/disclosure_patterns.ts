import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { PatternStore } from '#domain/reports/disclosure'
import { instant } from '#services/sql'

/**
 * The stored suppression patterns (`disclosure_patterns`, ADR 0025): read
 * by every outlet, written when statistics are saved or a report is
 * approved (`SettleDisclosure`).
 */
export const disclosurePatterns: PatternStore = {
  async load(key) {
    const row = await db
      .from('disclosure_patterns')
      .where('pattern_key', key)
      .select('pattern')
      .first()
    return row ? String(row.pattern) : null
  },

  async save(key, json) {
    await db.rawQuery(
      `INSERT INTO disclosure_patterns (pattern_key, pattern, created_at) VALUES (?, ?, ?)
       ON CONFLICT (pattern_key) DO UPDATE SET pattern = excluded.pattern, created_at = excluded.created_at`,
      [key, json, instant(DateTime.utc())]
    )
  },
}
