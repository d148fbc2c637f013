import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Application from '#models/application'
import type Grant from '#models/grant'
import type LogframeChange from '#models/logframe_change'
import type User from '#models/user'

/**
 * Logframes: the applicant NGO builds its application's; on a grant, the
 * grantee's people request changes and the funder's grant managers decide
 * them, never the person who asked.
 */
export default class LogframePolicy extends BasePolicy {
  editForApplication(user: User, application: Application): AuthorizerResponse {
    return user.hasRoleIn(application.organisationId, 'applicant')
  }

  requestChange(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  approveChange(user: User, grant: Grant, change: LogframeChange): AuthorizerResponse {
    return this.decides(user, grant, change)
  }

  returnChange(user: User, grant: Grant, change: LogframeChange): AuthorizerResponse {
    return this.decides(user, grant, change)
  }

  private decides(user: User, grant: Grant, change: LogframeChange) {
    return (
      user.hasRoleIn(grant.funderOrganisationId, 'grant_manager') && change.proposedById !== user.id
    )
  }
}
