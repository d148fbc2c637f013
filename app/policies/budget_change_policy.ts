import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type BudgetChange from '#models/budget_change'
import type Grant from '#models/grant'
import type User from '#models/user'

/**
 * Budget changes (DOMAIN-RULES §5): the grantee's people propose them; the
 * funder's grant managers decide on addendum requests, never the person who
 * proposed the change. The change must be loaded with its grant.
 */
export default class BudgetChangePolicy extends BasePolicy {
  propose(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  approve(user: User, change: BudgetChange): AuthorizerResponse {
    return this.decides(user, change)
  }

  refuse(user: User, change: BudgetChange): AuthorizerResponse {
    return this.decides(user, change)
  }

  private decides(user: User, change: BudgetChange) {
    return (
      user.hasRoleIn(change.grant.funderOrganisationId, 'grant_manager') &&
      change.proposedById !== user.id
    )
  }
}
