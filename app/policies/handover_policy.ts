import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * The handover plan: MLSW officials keep it, and cancel what was recorded
 * with a mistake; programme staff (grant managers, finance officers,
 * auditors, administrators) read the national view; a shelter's NGO reads
 * its own shelters only (the queries scope that, and answer 404 for anyone
 * else's).
 */
export default class HandoverPolicy extends BasePolicy {
  viewNational(user: User): AuthorizerResponse {
    return user.seesAllOrganisations
  }

  recordCommitment(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  recordTransfer(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  setNeed(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  setTarget(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  recordOtherFunding(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  cancelCommitment(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  cancelTransfer(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  cancelOtherFunding(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }
}
