import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Shelter from '#models/shelter'
import type User from '#models/user'

/** A shelter is kept by its NGO's own people. */
export default class ShelterPolicy extends BasePolicy {
  create(user: User, organisationId: number): AuthorizerResponse {
    return user.hasRoleIn(organisationId, 'applicant') || user.hasRole('admin')
  }

  edit(user: User, shelter: Shelter): AuthorizerResponse {
    return user.hasRoleIn(shelter.organisationId, 'applicant') || user.hasRole('admin')
  }

  readAddress(user: User, shelter: Shelter): AuthorizerResponse {
    return user.hasRole('mlsw_official') || user.belongsTo(shelter.organisationId)
  }
}
