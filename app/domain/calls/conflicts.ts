/**
 * Conflicts of interest of assessors (DOMAIN-RULES §11): an assessor never
 * scores an application of an organisation they declared an affiliation
 * with. A soft conflict (a tie not declared as an affiliation, raised by
 * the assessor or the manager) can be waived with a reason and a second
 * grant manager's sign-off.
 */
export const affiliationKinds = [
  'employer',
  'board_member',
  'family',
  'financial_interest',
] as const
export type AffiliationKind = (typeof affiliationKinds)[number]

export interface AffiliationFacts {
  kind: AffiliationKind
  organisationId: number
}

export type AssignmentCheck =
  | { ok: true }
  | { ok: false; reason: 'declared_affiliation'; kind: AffiliationKind }
  | { ok: false; reason: 'assessor_is_applicant' }

export function checkAssignment(
  affiliations: readonly AffiliationFacts[],
  assessorOrganisationIds: readonly number[],
  applicantOrganisationId: number
): AssignmentCheck {
  if (assessorOrganisationIds.includes(applicantOrganisationId))
    return { ok: false, reason: 'assessor_is_applicant' }
  const tie = affiliations.find((a) => a.organisationId === applicantOrganisationId)
  if (tie) return { ok: false, reason: 'declared_affiliation', kind: tie.kind }
  return { ok: true }
}

/** A waiver needs a sign-off by a grant manager other than the one who asked for it. */
export function canSignOffWaiver(requestedById: number, approverId: number) {
  return requestedById !== approverId
}
