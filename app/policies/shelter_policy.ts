import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Shelter from '#models/shelter'
import type User from '#models/user'
import { viewerOf } from '#domain/reports/disclosure'

/** A shelter is kept by its NGO's own people. */
export default class ShelterPolicy extends BasePolicy {
  create(user: User, organisationId: number): AuthorizerResponse {
    return user.hasRoleIn(organisationId, 'applicant') || user.hasRole('admin')
  }

  edit(user: User, shelter: Shelter): AuthorizerResponse {
    return user.hasRoleIn(shelter.organisationId, 'applicant') || user.hasRole('admin')
  }

  /** The confidential address: the shelter's organisation and MLSW officials only (admins are outsiders). */
  readAddress(user: User, shelter: Shelter): AuthorizerResponse {
    return viewerOf(user.memberships, shelter.organisationId).insider
  }

  /** Entering the address of a new shelter of an organisation: the same people who may read it. */
  enterAddress(user: User, organisationId: number): AuthorizerResponse {
    return viewerOf(user.memberships, organisationId).insider
  }
}
