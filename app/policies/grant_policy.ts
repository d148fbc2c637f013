import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Grant from '#models/grant'
import type User from '#models/user'

/** Each side signs for itself: the grantee's people, and the funder's grant managers. */
export default class GrantPolicy extends BasePolicy {
  signForGrantee(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  signForFunder(user: User, grant: Grant): AuthorizerResponse {
    return user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
  }
}
