import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/** Everyone signed in reads the InforEuro table; finance officers and admins import it. */
export default class InforeuroRatePolicy extends BasePolicy {
  view(_user: User): AuthorizerResponse {
    return true
  }

  import(user: User): AuthorizerResponse {
    return user.hasAnyRole(['finance_officer', 'admin'])
  }
}
