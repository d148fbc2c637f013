import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Application from '#models/application'
import type User from '#models/user'

/** The applicant NGO's own people edit, submit and withdraw its application. */
export default class ApplicationPolicy extends BasePolicy {
  edit(user: User, application: Application): AuthorizerResponse {
    return user.hasRoleIn(application.organisationId, 'applicant')
  }

  submit(user: User, application: Application): AuthorizerResponse {
    return user.hasRoleIn(application.organisationId, 'applicant')
  }

  withdraw(user: User, application: Application): AuthorizerResponse {
    return user.hasRoleIn(application.organisationId, 'applicant')
  }

  reopen(user: User, application: Application): AuthorizerResponse {
    return user.hasRoleIn(application.organisationId, 'applicant')
  }
}
