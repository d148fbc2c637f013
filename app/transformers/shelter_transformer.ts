import type Shelter from '#models/shelter'

/** The API shape of a shelter; the address only for those who may read it. */
export function shelterJson(shelter: Shelter, mayReadAddress: boolean) {
  return {
    id: shelter.id,
    organisationId: shelter.organisationId,
    name: shelter.name,
    municipalityCode: shelter.municipalityCode,
    capacityBeds: shelter.capacityBeds,
    targetGroups: shelter.targetGroups,
    openedOn: shelter.openedOn?.toISODate() ?? null,
    status: shelter.status,
    ...(mayReadAddress ? { confidentialAddress: shelter.confidentialAddress } : {}),
  }
}
