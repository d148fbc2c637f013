import type { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import i18nManager from '@adonisjs/i18n/services/main'
import {
  defaultProgrammeSettings,
  offeredLanguages,
  programmeLanguages,
  settingsInForce,
  type ProgrammeLanguage,
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

/**
 * The settings every request needs before any controller runs (the page's
 * languages, the programme currency), shared by the process: read at most
 * once every `SHARED_TTL_MS`, and at once after a write in this process
 * (`forgetShared`). Another process sees a new version within the TTL.
 */
const SHARED_TTL_MS = 10_000
let shared: { at: number; languages: ProgrammeLanguage[]; currency: string } | null = null

/** Reads the settings in force today into the shared copy when it is missing or old. */
export async function refreshSharedSettings(now = Date.now()) {
  if (shared && now - shared.at < SHARED_TTL_MS) return
  const settings = await programmeSettingsAt(todayInKosovo())
  shared = {
    at: now,
    languages: offeredLanguages(settings.languages),
    currency: settings.currency,
  }
}

/** Drops the shared copy (after a write, or when a test rolls its data back). */
export function forgetShared() {
  shared = null
}

/** The languages offered today (English always among them); every language before the first reading. */
export function offeredLanguagesNow(): ProgrammeLanguage[] {
  return shared?.languages ?? [...programmeLanguages]
}

/** The programme currency today (ISO code); the default before the first reading. */
export function programmeCurrencyNow(): string {
  return shared?.currency ?? defaultProgrammeSettings.currency
}

/**
 * A person's or a header's language when the programme offers it, else
 * null; `sr` and other variants are matched as the i18n config does.
 */
export function offeredLocale(candidate: string | null | undefined): ProgrammeLanguage | null {
  if (!candidate || candidate === '*') return null
  const supported = i18nManager.getSupportedLocaleFor([candidate])
  return supported && (offeredLanguagesNow() as string[]).includes(supported)
    ? (supported as ProgrammeLanguage)
    : null
}

/** The first offered language among the candidates, else English. */
export function firstOfferedLocale(candidates: readonly (string | null | undefined)[]) {
  for (const candidate of candidates) {
    const locale = offeredLocale(candidate)
    if (locale) return locale
  }
  return i18nManager.defaultLocale
}
