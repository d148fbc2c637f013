import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Service from '#models/service'
import { todayInKosovo } from '#services/clock'

/**
 * The licensed social services as the admin keeps them (reference data,
 * /admin/reference/services): the codes a licence or a call may name and
 * their names in the three languages. A service retired on or before a
 * date is not offered for new records from that date; records that name
 * it keep it and still show its name.
 */
export class LicenceServiceCatalogue {
  constructor(private client?: QueryClientContract) {}

  /** Every service ever kept, retired ones included, by English name. */
  all() {
    return Service.query({ client: this.client }).orderBy('name_en')
  }

  /** The services offered for new records on `date` (YYYY-MM-DD). */
  offeredOn(date = todayInKosovo()) {
    return Service.query({ client: this.client })
      .where((q) => q.whereNull('retired_on').orWhere('retired_on', '>', date))
      .orderBy('name_en')
  }

  /** The codes offered on `date`. */
  async offeredCodes(date = todayInKosovo()) {
    const offered = await this.offeredOn(date)
    return offered.map((service) => service.code)
  }

  /** Every code ever kept, retired ones included. */
  async knownCodes() {
    const all = await this.all()
    return all.map((service) => service.code)
  }

  /** Code → name in `locale` (en, sq, sr-Latn) for every service, retired ones included. */
  async names(locale: string): Promise<Record<string, string>> {
    const names: Record<string, string> = {}
    for (const service of await this.all()) names[service.code] = service.nameIn(locale)
    return names
  }

  /**
   * The options of a form: the services offered today, plus those `kept`
   * (already on the record being edited) even if retired since.
   */
  async options(locale: string, kept: readonly string[] = []) {
    const offered = await this.offeredOn()
    const names = await this.names(locale)
    const codes = [
      ...offered.map((s) => s.code),
      ...kept.filter((code) => !offered.some((s) => s.code === code)),
    ]
    return codes.map((code) => ({ value: code, label: names[code] ?? code }))
  }
}
