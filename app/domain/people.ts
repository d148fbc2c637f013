/**
 * Who manages whose people, and which roles they may give (ADR 0020).
 * Pure: it reads memberships as plain facts and knows nothing of the
 * database.
 */
import type { OrganisationKind, Role } from '#domain/roles'
import { programmeWideRoles } from '#domain/roles'

/** The roles a person can hold in an organisation of each kind. */
export const rolesByKind: Record<OrganisationKind, readonly Role[]> = {
  contracting_authority: ['admin', 'grant_manager', 'finance_officer', 'assessor', 'auditor'],
  lead_grantee: ['applicant', 'grant_manager', 'finance_officer', 'assessor'],
  ngo: ['applicant', 'assessor'],
  ministry: ['mlsw_official', 'assessor'],
  audit_firm: ['auditor'],
}

export interface ManagerFacts {
  organisationId: number
  role: Role
  managesPeople: boolean
}

/** Whether someone manages anyone's people: an administrator or a people manager. */
export function managesAnyPeople(memberships: readonly ManagerFacts[]) {
  return memberships.some((m) => m.role === 'admin' || m.managesPeople)
}

export type PeopleAuthority = 'admin' | 'delegate' | null

/**
 * The authority someone has over the people of an organisation:
 * - `admin`: an administrator, over every organisation;
 * - `delegate`: a member who manages the people of their own organisation
 *   (`managesPeople`);
 * - `null`: none. The funder's grant managers keep the registry and verify
 *   organisations, but act on no one's account (only administrators did
 *   before, and an organisation's own managers now do).
 */
export function peopleAuthority(
  memberships: readonly ManagerFacts[],
  organisation: { id: number }
): PeopleAuthority {
  if (memberships.some((m) => m.role === 'admin')) return 'admin'
  if (memberships.some((m) => m.organisationId === organisation.id && m.managesPeople)) {
    return 'delegate'
  }
  return null
}

/**
 * The roles one may give or take away in an organisation. An administrator:
 * every role the organisation's kind allows. A delegate: only the roles that
 * see no further than the organisation itself, never a programme-wide role
 * (admin, grant manager, finance officer, MLSW official, auditor).
 */
export function assignableRoles(authority: PeopleAuthority, kind: OrganisationKind): Role[] {
  if (authority === null) return []
  const allowed = rolesByKind[kind]
  if (authority === 'admin') return [...allowed]
  return allowed.filter((role) => !programmeWideRoles.includes(role))
}

/** Whether `role` may be given or removed in an organisation of `kind` by this authority. */
export function mayAssign(authority: PeopleAuthority, kind: OrganisationKind, role: Role) {
  return assignableRoles(authority, kind).includes(role)
}

/**
 * A delegate acts on the account itself (deactivate, reactivate, resend or
 * withdraw an invitation) only when every role of the person is one they
 * could have given: a person of another organisation too, or one holding a
 * programme-wide role, is left to an administrator.
 */
export function mayActOnAccount(
  authorityIn: (organisationId: number) => PeopleAuthority,
  kindOf: (organisationId: number) => OrganisationKind,
  personMemberships: readonly { organisationId: number; role: Role }[]
) {
  if (personMemberships.length === 0) return false
  return personMemberships.every((m) =>
    mayAssign(authorityIn(m.organisationId), kindOf(m.organisationId), m.role)
  )
}

/** The last active administrator keeps the admin role and stays active. */
export function isLastAdministrator(otherActiveAdministrators: number) {
  return otherActiveAdministrators === 0
}
