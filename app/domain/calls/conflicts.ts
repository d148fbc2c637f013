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

/** A financial interest is a soft conflict that a waiver can lift; the others never. */
export const softAffiliationKinds: readonly AffiliationKind[] = ['financial_interest']

export type AssignmentCheck =
  | { ok: true; waived: boolean }
  | { ok: false; reason: 'declared_affiliation'; kind: AffiliationKind; waivable: boolean }
  | { ok: false; reason: 'assessor_is_applicant' }

export function checkAssignment(
  affiliations: readonly AffiliationFacts[],
  assessorOrganisationIds: readonly number[],
  applicantOrganisationId: number,
  hasApprovedWaiver = false
): AssignmentCheck {
  if (assessorOrganisationIds.includes(applicantOrganisationId)) {
    return { ok: false, reason: 'assessor_is_applicant' }
  }
  const ties = affiliations.filter((a) => a.organisationId === applicantOrganisationId)
  const hard = ties.find((a) => !softAffiliationKinds.includes(a.kind))
  if (hard) return { ok: false, reason: 'declared_affiliation', kind: hard.kind, waivable: false }
  if (ties.length > 0 && !hasApprovedWaiver) {
    return { ok: false, reason: 'declared_affiliation', kind: ties[0].kind, waivable: true }
  }
  return { ok: true, waived: ties.length > 0 }
}

/** A waiver needs a sign-off by a grant manager other than the one who asked for it. */
export function canSignOffWaiver(requestedById: number, approverId: number) {
  return requestedById !== approverId
}
