import type { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  settingsInForce,
  type ProgrammeSettings,
  type SettingsVersion,
} from '#domain/settings/programme_settings'
import ProgrammeSettingsVersion from '#models/programme_settings_version'
import { todayInKosovo } from '#services/clock'

/**
 * The programme settings in force at a date. The versions are read once
 * per lookup (one lookup per request, see `forRequest`; a job makes its
 * own) and `forget()` drops them after a write, so a page never mixes two
 * readings and a new version is seen by the next request.
 */
export class ProgrammeSettingsLookup {
  private versions: SettingsVersion[] | null = null
  private static perRequest = new WeakMap<object, ProgrammeSettingsLookup>()

  constructor(private client?: QueryClientContract) {}

  /** The lookup of this request (created on first use). */
  static forRequest(ctx: HttpContext) {
    let lookup = this.perRequest.get(ctx)
    if (!lookup) {
      lookup = new ProgrammeSettingsLookup()
      this.perRequest.set(ctx, lookup)
    }
    return lookup
  }

  /** Every version, oldest first. */
  async all(): Promise<SettingsVersion[]> {
    if (!this.versions) {
      const rows = await ProgrammeSettingsVersion.query({ client: this.client }).orderBy(
        'effective_from'
      )
      this.versions = rows.map((row) => ({
        effectiveFrom: row.effectiveFromIso,
        values: row.values,
      }))
    }
    return this.versions
  }

  /** The settings in force on `date` (YYYY-MM-DD); the DOMAIN-RULES defaults before any version. */
  async at(date: string): Promise<ProgrammeSettings> {
    return settingsInForce(await this.all(), date)
  }

  /** The settings in force today in Kosovo. */
  async current(): Promise<ProgrammeSettings> {
    return this.at(todayInKosovo())
  }

  forget() {
    this.versions = null
  }
}

/** The settings in force on `date`, read afresh (jobs and actions outside a request). */
export function programmeSettingsAt(date: string, client?: QueryClientContract) {
  return new ProgrammeSettingsLookup(client).at(date)
}
