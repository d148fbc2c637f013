import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/** Licences are recorded and decided by MLSW officials only. */
export default class LicencePolicy extends BasePolicy {
  create(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  decide(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }

  renew(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }
}
