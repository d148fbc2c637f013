import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * The steering committee's progress pack: for the EU Office's grant
 * managers, administrators and MLSW officials (figures they may not see
 * in full are suppressed by the disclosure rules).
 */
export default class ProgressPackPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    return user.memberships.some(
      (m) =>
        m.role === 'admin' ||
        m.role === 'mlsw_official' ||
        (m.role === 'grant_manager' && m.organisation?.kind === 'contracting_authority')
    )
  }
}
