/**
 * Roles are held per organisation (DOMAIN-RULES §11). This module answers
 * questions about a set of memberships; it knows nothing about the database.
 */
export const roles = [
  'applicant',
  'grant_manager',
  'finance_officer',
  'assessor',
  'mlsw_official',
  'auditor',
  'admin',
] as const
export type Role = (typeof roles)[number]

export const organisationKinds = [
  'contracting_authority',
  'lead_grantee',
  'ngo',
  'ministry',
  'audit_firm',
] as const
export type OrganisationKind = (typeof organisationKinds)[number]

export interface MembershipFacts {
  organisationId: number
  role: Role
}

/**
 * Roles whose work spans the whole programme: they read every organisation.
 * Applicants and assessors see only the organisations they belong to.
 */
export const programmeWideRoles: readonly Role[] = [
  'grant_manager',
  'finance_officer',
  'mlsw_official',
  'auditor',
  'admin',
]

/**
 * Who keeps the organisation registry: administrators, and the grant
 * managers of the funder (the contracting authority).
 */
export function keepsOrganisationRegistry(
  memberships: readonly (MembershipFacts & { organisation?: { kind: OrganisationKind } })[]
) {
  return memberships.some(
    (membership) =>
      membership.role === 'admin' ||
      (membership.role === 'grant_manager' &&
        membership.organisation?.kind === 'contracting_authority')
  )
}

export function hasRole(memberships: readonly MembershipFacts[], role: Role) {
  return memberships.some((membership) => membership.role === role)
}

export function hasAnyRole(memberships: readonly MembershipFacts[], wanted: readonly Role[]) {
  return memberships.some((membership) => wanted.includes(membership.role))
}

export function seesAllOrganisations(memberships: readonly MembershipFacts[]) {
  return hasAnyRole(memberships, programmeWideRoles)
}

/**
 * The organisations whose running grants a person reads as grantee or
 * funder: an assessor's membership opens none (they score applications,
 * not the money of running grants).
 */
export function grantOrganisationIds(memberships: readonly MembershipFacts[]) {
  return organisationIds(memberships.filter((membership) => membership.role !== 'assessor'))
}

/**
 * Payment requests carry bank accounts: MLSW officials, who follow grants for
 * the handover, read the payments on the grant page but not the requests.
 */
export function readsPaymentRequests(memberships: readonly MembershipFacts[]) {
  return memberships.some((membership) => membership.role !== 'mlsw_official')
}

export function organisationIds(memberships: readonly MembershipFacts[]) {
  return [...new Set(memberships.map((membership) => membership.organisationId))]
}

export function rolesIn(memberships: readonly MembershipFacts[], organisationId: number) {
  return memberships
    .filter((membership) => membership.organisationId === organisationId)
    .map((membership) => membership.role)
}

/** Navigation sections a person sees, derived from their roles. */
export const navigationSections = [
  'dashboard',
  'calls',
  'grants',
  'assessments',
  'licensing',
  'handover',
  'indicators',
  'monitoring',
  'organisations',
  'shelters',
  'licences',
  'users',
  'audit',
  'profile',
] as const
export type NavigationSection = (typeof navigationSections)[number]

export function navigationFor(
  memberships: readonly (MembershipFacts & { managesPeople?: boolean })[]
): NavigationSection[] {
  const sections: NavigationSection[] = ['dashboard', 'calls', 'grants']
  if (hasRole(memberships, 'assessor')) sections.push('assessments')
  if (
    hasAnyRole(memberships, [
      'mlsw_official',
      'grant_manager',
      'finance_officer',
      'auditor',
      'admin',
    ])
  ) {
    sections.push('licensing')
  }
  // Handover plan: MLSW and programme staff read all shelters, a shelter's NGO its own.
  if (
    hasAnyRole(memberships, [
      'mlsw_official',
      'grant_manager',
      'finance_officer',
      'auditor',
      'admin',
      'applicant',
    ])
  ) {
    sections.push('handover')
  }
  // The results framework and the progress pack: programme-wide roles (IndicatorPolicy).
  if (seesAllOrganisations(memberships)) sections.push('indicators')
  // Monitoring visits and action points: their planners and the visited organisations (ADR 0031).
  if (!memberships.every((m) => m.role === 'assessor')) sections.push('monitoring')
  sections.push('organisations', 'shelters', 'licences')
  // An organisation's people managers see the people pages of their organisation (ADR 0020).
  if (hasRole(memberships, 'admin') || memberships.some((m) => m.managesPeople)) {
    sections.push('users')
  }
  if (hasAnyRole(memberships, ['admin', 'auditor'])) sections.push('audit')
  sections.push('profile')
  return sections
}
