import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type { Role } from '#domain/roles'
import { mayActOnAccount, mayAssign, peopleAuthority } from '#domain/people'
import type Organisation from '#models/organisation'
import type User from '#models/user'

/**
 * Who manages whose people (ADR 0020): administrators everyone; an
 * organisation's people managers, and the funder's grant managers for the
 * organisations they keep, within the roles `#domain/people` allows. The
 * person must be loaded with their memberships and organisations.
 */
export default class PersonPolicy extends BasePolicy {
  /** Someone may see a person when they manage the people of one of the person's organisations. */
  view(user: User, person: User): AuthorizerResponse {
    if (user.hasRole('admin')) return true
    return person.memberships.some(
      (m) => peopleAuthority(user.memberships, m.organisation) !== null
    )
  }

  /** Give or remove `role` in `organisation`. */
  changeRole(user: User, organisation: Organisation, role: Role): AuthorizerResponse {
    return mayAssign(peopleAuthority(user.memberships, organisation), organisation.kind, role)
  }

  /** Invite into `organisation` with `role`: the same rule as giving the role. */
  invite(user: User, organisation: Organisation, role: Role): AuthorizerResponse {
    return this.changeRole(user, organisation, role)
  }

  /** Let a member manage the organisation's people, or stop it. */
  managePeopleOf(user: User, organisation: Organisation): AuthorizerResponse {
    return peopleAuthority(user.memberships, organisation) !== null
  }

  /** Deactivate, reactivate, resend or withdraw an invitation: the whole account. */
  actOnAccount(user: User, person: User): AuthorizerResponse {
    if (user.hasRole('admin')) return true
    const organisations = new Map(person.memberships.map((m) => [m.organisationId, m.organisation]))
    return mayActOnAccount(
      (id) => peopleAuthority(user.memberships, organisations.get(id)!),
      (id) => organisations.get(id)!.kind,
      person.memberships
    )
  }
}
