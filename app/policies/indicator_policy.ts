import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * The logframe indicators sum every shelter's statistics: they are for the
 * programme's people (grant managers, finance officers, MLSW officials,
 * auditors and administrators), not for a single grantee. The results
 * framework (results, indicators, targets, values entered with evidence)
 * is kept by the grant managers of the EU Office (the contracting authority).
 */
export default class IndicatorPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    return user.seesAllOrganisations
  }

  manage(user: User): AuthorizerResponse {
    return user.memberships.some(
      (m) => m.role === 'grant_manager' && m.organisation?.kind === 'contracting_authority'
    )
  }
}
