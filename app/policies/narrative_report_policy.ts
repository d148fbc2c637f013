import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Grant from '#models/grant'
import type NarrativeReport from '#models/narrative_report'
import type User from '#models/user'

/**
 * Narrative reports: the grantee's people write and submit them; the
 * funder's grant managers and finance officers verify or return them; the
 * funder's grant manager approves, never the person who verified.
 */
export default class NarrativeReportPolicy extends BasePolicy {
  prepare(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.granteeOrganisationId, 'applicant') ||
      user.hasRoleIn(grant.granteeOrganisationId, 'grant_manager')
    )
  }

  submit(user: User, grant: Grant): AuthorizerResponse {
    return this.prepare(user, grant)
  }

  verify(user: User, grant: Grant): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.funderOrganisationId, 'grant_manager') ||
      user.hasRoleIn(grant.funderOrganisationId, 'finance_officer')
    )
  }

  returnForRevision(user: User, grant: Grant): AuthorizerResponse {
    return this.verify(user, grant)
  }

  approve(user: User, grant: Grant, report: NarrativeReport): AuthorizerResponse {
    return (
      user.hasRoleIn(grant.funderOrganisationId, 'grant_manager') && report.verifiedById !== user.id
    )
  }
}
