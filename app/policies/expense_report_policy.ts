import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Grant from '#models/grant'
import type User from '#models/user'

/** The grantee's people prepare and submit reports; the funder's finance officers verify them. */
export default class ExpenseReportPolicy extends BasePolicy {
  prepare(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  verify(user: User, grant: Grant): AuthorizerResponse {
    return user.hasRoleIn(grant.funderOrganisationId, 'finance_officer')
  }

  /** The shelter's total operating cost is declared by the grantee's people, with the report. */
  declareOperatingCost(user: User, grant: Grant): AuthorizerResponse {
    return this.prepare(user, grant)
  }

  /** ...and verified by the funder's finance officers. */
  verifyOperatingCost(user: User, grant: Grant): AuthorizerResponse {
    return this.verify(user, grant)
  }
}
