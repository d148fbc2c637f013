import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { keepsOrganisationRegistry, readsPaymentRequests } from '#domain/roles'

/**
 * Who may act on an organisation. Visibility (404 for others' records) is
 * the `visibleTo` scope; these checks run on records the user can see.
 */
export default class OrganisationPolicy extends BasePolicy {
  view(user: User, organisation: Organisation): AuthorizerResponse {
    return user.seesAllOrganisations || user.belongsTo(organisation.id)
  }

  /** The profile and documents are kept by the organisation's own people. */
  edit(user: User, organisation: Organisation): AuthorizerResponse {
    return user.hasRole('admin') || user.belongsTo(organisation.id)
  }

  uploadDocument(user: User, organisation: Organisation): AuthorizerResponse {
    return user.hasRole('admin') || user.belongsTo(organisation.id)
  }

  /** The registry (create, and edit every registry field) is kept by the funder. */
  create(user: User): AuthorizerResponse {
    return keepsOrganisationRegistry(user.memberships)
  }

  editRegistry(user: User, _organisation: Organisation): AuthorizerResponse {
    return keepsOrganisationRegistry(user.memberships)
  }

  /** A registered NGO is verified by a grant manager of the funder. */
  verify(user: User, organisation: Organisation): AuthorizerResponse {
    return (
      organisation.status === 'pending' &&
      user.memberships.some(
        (m) => m.role === 'grant_manager' && m.organisation?.kind === 'contracting_authority'
      )
    )
  }

  /**
   * Bank accounts are read by the organisation's own people and by the
   * programme staff who handle payments; MLSW officials, who read no
   * payment request, do not read them either (ADR 0020).
   */
  viewBankAccounts(user: User, organisation: Organisation): AuthorizerResponse {
    if (user.belongsTo(organisation.id)) return true
    return user.seesAllOrganisations && readsPaymentRequests(user.memberships)
  }

  /** Kept by the organisation's own people and by those who keep the registry. */
  manageBankAccounts(user: User, organisation: Organisation): AuthorizerResponse {
    return (
      user.hasRole('admin') ||
      user.belongsTo(organisation.id) ||
      keepsOrganisationRegistry(user.memberships)
    )
  }

  inviteMembers(user: User): AuthorizerResponse {
    return user.hasRole('admin')
  }
}
