import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/** Everyone signed in reads the catalogue of minimum standards; MLSW officials edit it. */
export default class MinimumStandardPolicy extends BasePolicy {
  view(_user: User): AuthorizerResponse {
    return true
  }

  edit(user: User): AuthorizerResponse {
    return user.hasRole('mlsw_official')
  }
}
