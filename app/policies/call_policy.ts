import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Call from '#models/call'
import type User from '#models/user'

/** Calls are set up and run by the grant managers of their funder. */
export default class CallPolicy extends BasePolicy {
  create(user: User): AuthorizerResponse {
    return user.memberships.some(
      (m) =>
        m.role === 'grant_manager' &&
        ['contracting_authority', 'lead_grantee'].includes(m.organisation.kind)
    )
  }

  edit(user: User, call: Call): AuthorizerResponse {
    return call.isManagedBy(user)
  }

  manage(user: User, call: Call): AuthorizerResponse {
    return call.isManagedBy(user)
  }

  /** NGO people apply to published calls of other funders. */
  apply(user: User, call: Call): AuthorizerResponse {
    return user.memberships.some(
      (m) => m.role === 'applicant' && m.organisationId !== call.funderOrganisationId
    )
  }
}
