import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type ContingencyRelease from '#models/contingency_release'
import type Grant from '#models/grant'
import type User from '#models/user'

/**
 * Contingency releases (DOMAIN-RULES §3): the grantee's people (its NGO
 * applicants and, for a lead grant, the lead grantee's grant managers)
 * request them; the funder's grant managers decide, never the person who
 * requested. The release must be loaded with its grant.
 */
export default class ContingencyReleasePolicy extends BasePolicy {
  request(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  approve(user: User, release: ContingencyRelease): AuthorizerResponse {
    return this.decides(user, release)
  }

  refuse(user: User, release: ContingencyRelease): AuthorizerResponse {
    return this.decides(user, release)
  }

  private decides(user: User, release: ContingencyRelease) {
    return (
      user.hasRoleIn(release.grant.funderOrganisationId, 'grant_manager') &&
      release.requestedById !== user.id
    )
  }
}
