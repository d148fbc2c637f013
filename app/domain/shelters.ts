/** Shelters: who they serve, and who may read their confidential address. */
export const targetGroups = ['victims_of_trafficking', 'domestic_violence', 'children'] as const
export type TargetGroup = (typeof targetGroups)[number]

export interface AddressReader {
  isMlswOfficial: boolean
  organisationIds: readonly number[]
}

/** Only the shelter's own organisation and MLSW officials see its address. */
export function mayReadShelterAddress(reader: AddressReader, shelterOrganisationId: number) {
  return reader.isMlswOfficial || reader.organisationIds.includes(shelterOrganisationId)
}

/** Staff licences valid on `today` count toward minimum standard MS-09. */
export function staffLicenceSummary(expiries: readonly string[], today: string) {
  const valid = expiries.filter((expiresOn) => expiresOn >= today).length
  return { valid, expired: expiries.length - valid }
}
