import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Grant from '#models/grant'
import type User from '#models/user'
import { seesAllOrganisations } from '#domain/roles'

/** Each side signs for itself: the grantee's people, and the funder's grant managers. The funder runs the grant. */
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

  /** Suspension, end of implementation, closure and recovery orders: the funder's grant managers. */
  manage(user: User, grant: Grant): AuthorizerResponse {
    return user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
  }

  /** Recording that a recovery was received: the funder's finance officers. */
  settle(user: User, grant: Grant): AuthorizerResponse {
    return user.hasRoleIn(grant.funderOrganisationId, 'finance_officer')
  }

  /** The forecasts per period: both sides of the grant, and programme-wide roles. */
  viewForecasts(user: User, grant: Grant): AuthorizerResponse {
    return (
      seesAllOrganisations(user.memberships) ||
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager') ||
      user.hasRoleIn(grant.funderOrganisationId, 'grant_manager') ||
      user.hasRoleIn(grant.funderOrganisationId, 'finance_officer')
    )
  }

  /**
   * The grantee enters its forecasts per period; the funder's grant manager
   * may correct them (once signed, only they can: the action checks that).
   */
  editForecasts(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager') ||
      user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
    )
  }

  /** FSTP exceptions are asked for by the lead grantee's grant managers. */
  requestFstpException(user: User, grant: Grant): AuthorizerResponse {
    return user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
  }
}
