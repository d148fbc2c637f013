import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Grant from '#models/grant'
import type PaymentRequest from '#models/payment_request'
import type User from '#models/user'

/**
 * Who may take each kind of step on the payment path, by role: the grantee
 * requests; the funder's finance officers verify and record the payment;
 * its grant managers approve. Whether this person may take the step on this
 * request (four distinct people: nobody takes two steps of one request) is
 * the segregation of duties in `#domain/grants/payment_duties`, checked by
 * the actions (409) and shown by the pages.
 */
export default class PaymentRequestPolicy extends BasePolicy {
  request(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  verify(user: User, grant: Grant, _request?: PaymentRequest): AuthorizerResponse {
    return user.hasRoleIn(grant.funderOrganisationId, 'finance_officer')
  }

  approve(user: User, grant: Grant, _request?: PaymentRequest): AuthorizerResponse {
    return user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
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
