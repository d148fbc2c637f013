import { isValidOn, type LicenceStatus } from '#domain/licences/licence'
import { activeGrantStatuses } from '#domain/grants/grant_terms'
import Grant from '#models/grant'
import Licence from '#models/licence'
import Municipality from '#models/municipality'
import Shelter from '#models/shelter'

export interface MunicipalityCapacity {
  code: string
  name: string
  shelters: number
  beds: number
}

const residentialServices = ['residential_vot', 'residential_dv'] as const

/**
 * The MLSW licensing dashboard: licences expiring in the window, licences
 * that stop funding (expired, suspended, revoked), and licensed shelters
 * and beds per municipality.
 */
export class LicensingOverview {
  constructor(
    private today: string,
    private locale: string
  ) {}

  async load() {
    const licences = await Licence.query()
      .withScopes((s) => s.withFacts())
      .preload('organisation')
      .preload('shelter')
      .orderBy('valid_until')
    const superseded = new Set(licences.map((l) => l.replacesLicenceId).filter((id) => id !== null))
    const current = licences.filter((l) => !superseded.has(l.id))
    const rows = current.map((licence) => ({
      licence,
      status: licence.statusOn(this.today) as LicenceStatus,
    }))
    const expiring = rows.filter(
      (r) =>
        r.status === 'expiring' ||
        (r.status === 'renewal_pending' && r.licence.validUntil.toISODate()! >= this.today)
    )
    const stopped = rows.filter(
      (r) =>
        ['expired', 'suspended', 'revoked'].includes(r.status) ||
        (r.status === 'renewal_pending' && r.licence.validUntil.toISODate()! < this.today)
    )
    const subGrants = await Grant.query()
      .whereNotNull('parent_grant_id')
      .whereIn('status', [...activeGrantStatuses])
      .whereIn(
        'grantee_organisation_id',
        stopped.map((r) => r.licence.organisationId)
      )
    const heldSubGrants = (organisationId: number) =>
      subGrants
        .filter((g) => g.granteeOrganisationId === organisationId)
        .map((g) => ({ id: g.id, reference: g.reference }))
    const stoppedWithGrants = stopped
      .map((row) => ({ ...row, subGrants: heldSubGrants(row.licence.organisationId) }))
      .sort((a, b) => b.subGrants.length - a.subGrants.length)
    return { expiring, stopped: stoppedWithGrants, capacity: await this.capacity(licences) }
  }

  private async capacity(licences: Licence[]): Promise<MunicipalityCapacity[]> {
    const shelters = await Shelter.query().where('status', 'open')
    const municipalities = await Municipality.all()
    const names = new Map(municipalities.map((m) => [m.code, m.nameIn(this.locale)]))
    const byCode = new Map<string, MunicipalityCapacity>()
    for (const shelter of shelters) {
      const licensed = licences.some(
        (l) =>
          l.organisationId === shelter.organisationId &&
          (l.shelterId === null || l.shelterId === shelter.id) &&
          l.services.some((s) => (residentialServices as readonly string[]).includes(s)) &&
          isValidOn(l.toFacts(), this.today)
      )
      if (!licensed) continue
      const entry = byCode.get(shelter.municipalityCode) ?? {
        code: shelter.municipalityCode,
        name: names.get(shelter.municipalityCode) ?? shelter.municipalityCode,
        shelters: 0,
        beds: 0,
      }
      entry.shelters += 1
      entry.beds += shelter.capacityBeds
      byCode.set(shelter.municipalityCode, entry)
    }
    return [...byCode.values()].sort((a, b) => b.beds - a.beds || a.name.localeCompare(b.name))
  }
}
