import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  changedSettings,
  defaultProgrammeSettings,
  firstEffectiveFrom,
  settingsInForce,
  settingsProblems,
  type ProgrammeSettings,
} from '#domain/settings/programme_settings'
import ProgrammeSettingsVersion from '#models/programme_settings_version'
import type User from '#models/user'
import { disclosureSettler } from '#services/disclosure_settler'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { forgetShared } from '#services/programme_settings'

export interface SettingsInput extends Omit<
  ProgrammeSettings,
  'decisionNumber' | 'bedYearNormCents'
> {
  effectiveFrom: string
  decisionNumber?: string | null
  bedYearNormCents?: number | null
}

export type ScheduleSettingsResult =
  | { ok: true; version: ProgrammeSettingsVersion; replaced: boolean }
  | { ok: false; errors: Partial<Record<keyof SettingsInput, string>> }

/** Error codes, translated by the caller (settings.errors.<code>). */
export const scheduleErrors = {
  past: 'effective_in_past',
  taken: 'effective_taken',
  endsBeforeStart: 'ends_before_start',
  shareSum: 'share_sum',
} as const

/**
 * Schedules a new version of the programme settings from a date. A version
 * takes effect today at the earliest, so a decision already taken (on an
 * earlier day) never finds other values than the ones it was taken with; a
 * version that has not taken effect yet may be replaced by one of the same
 * date. Audited with the values before (in force on that date until now)
 * and after, and the names of the values that changed.
 */
export class ScheduleProgrammeSettings {
  async handle(
    input: SettingsInput,
    by: User | null,
    ip: string | null,
    today = todayInKosovo()
  ): Promise<ScheduleSettingsResult> {
    const values = valuesOf(input)
    const errors: Partial<Record<keyof SettingsInput, string>> = {}
    if (input.effectiveFrom < today) errors.effectiveFrom = scheduleErrors.past
    for (const problem of settingsProblems(values)) errors[problem.field] = problem.rule
    if (Object.keys(errors).length > 0) return { ok: false, errors }

    const result = await db.transaction(async (trx) => {
      await lockSettings(trx)
      const existing = await ProgrammeSettingsVersion.query({ client: trx })
        .where('effective_from', input.effectiveFrom)
        .first()
      if (existing && existing.effectiveFromIso <= today) {
        return { ok: false as const, errors: { effectiveFrom: scheduleErrors.taken } }
      }
      const before = await inForce(trx, input.effectiveFrom)
      const version = existing ?? new ProgrammeSettingsVersion()
      version.useTransaction(trx)
      version.merge({
        effectiveFrom: DateTime.fromISO(input.effectiveFrom),
        values,
        createdById: by?.id ?? null,
      })
      await version.save()
      await AuditTrail.record(trx, {
        actorId: by?.id ?? null,
        action: existing ? 'programme_settings.replaced' : 'programme_settings.scheduled',
        subjectType: 'programme_settings',
        subjectId: version.id,
        before,
        after: {
          effectiveFrom: input.effectiveFrom,
          changed: changedSettings(before, values),
          values,
        },
        ip,
      })
      return {
        ok: true as const,
        version,
        replaced: Boolean(existing),
        minimumChanged: before.publicationMinimum !== values.publicationMinimum,
      }
    })
    if (!result.ok) return result
    forgetShared()
    // A publication minimum that takes effect today: its patterns are settled
    // after the commit (ADR 0025, 0033). A later-dated one is settled by the
    // first view that finds nothing stored for it on its day (`settleLater`).
    if (result.minimumChanged && input.effectiveFrom === today) {
      const grants = await db.from('grants').select('id').orderBy('id')
      await disclosureSettler.settle(grants.map((grant) => Number(grant.id)))
    }
    return { ok: true, version: result.version, replaced: result.replaced }
  }

  /**
   * A fresh database (admin:create, the demo): records the DOMAIN-RULES
   * defaults as the first version, in force from 2000-01-01, unless a
   * version exists. Returns whether it wrote one.
   */
  async ensureDefaults(by: User | null, ip: string | null = null): Promise<boolean> {
    const any = await ProgrammeSettingsVersion.query().first()
    if (any) return false
    const result = await this.handle(
      { ...defaultProgrammeSettings, effectiveFrom: firstEffectiveFrom },
      by,
      ip,
      firstEffectiveFrom
    )
    return result.ok
  }
}

function valuesOf(input: SettingsInput): ProgrammeSettings {
  const values: ProgrammeSettings & { effectiveFrom?: string } = {
    ...defaultProgrammeSettings,
    ...input,
    decisionNumber: input.decisionNumber ?? '',
    bedYearNormCents: input.bedYearNormCents ?? null,
  }
  delete values.effectiveFrom
  return values
}

async function inForce(trx: TransactionClientContract, date: string) {
  const rows = await ProgrammeSettingsVersion.query({ client: trx }).orderBy('effective_from')
  return settingsInForce(
    rows.map((row) => ({ effectiveFrom: row.effectiveFromIso, values: row.values })),
    date
  )
}

/** Two admins scheduling at once write one after the other (PostgreSQL; SQLite writes serially). */
async function lockSettings(trx: TransactionClientContract) {
  if (trx.dialect.name === 'postgres') {
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [7_340_180])
  }
}
