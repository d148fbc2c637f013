import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Grant from '#models/grant'
import type PaymentRequest from '#models/payment_request'
import type User from '#models/user'

/**
 * The payment path: the grantee requests; the funder's finance officer
 * verifies and pays; the funder's grant manager approves. Whoever requested
 * or verified a tranche never approves it (four eyes).
 */
export default class PaymentRequestPolicy extends BasePolicy {
  request(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  verify(user: User, grant: Grant, request: PaymentRequest): AuthorizerResponse {
    if (!user.hasRoleIn(grant.funderOrganisationId, 'finance_officer')) return false
    if (request.requestedById === user.id) {
      return AuthorizationResponse.deny('You requested this tranche; another person verifies it.')
    }
    return true
  }

  approve(user: User, grant: Grant, request: PaymentRequest): AuthorizerResponse {
    if (!user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')) return false
    if (request.requestedById === user.id || request.verifiedById === user.id) {
      return AuthorizationResponse.deny(
        'You requested or verified this tranche; a different grant manager approves it.'
      )
    }
    return true
  }

  pay(user: User, grant: Grant): AuthorizerResponse {
    return user.hasRoleIn(grant.funderOrganisationId, 'finance_officer')
  }

  /** Sending back and re-checking the conditions: the funder's finance officers and grant managers. */
  review(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.funderOrganisationId, 'finance_officer') ||
      user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
    )
  }
}
