/** Shelters: who they serve, and the staff licences that count toward MS-09. */
export const targetGroups = ['victims_of_trafficking', 'domestic_violence', 'children'] as const
export type TargetGroup = (typeof targetGroups)[number]

/** Staff licences valid on `today` count toward minimum standard MS-09. */
export function staffLicenceSummary(expiries: readonly string[], today: string) {
  const valid = expiries.filter((expiresOn) => expiresOn >= today).length
  return { valid, expired: expiries.length - valid }
}
