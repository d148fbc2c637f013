import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { apiText } from '#services/request_locale'
import { AddRole } from '#actions/users/add_role'
import { RemoveRole } from '#actions/users/remove_role'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import type User from '#models/user'
import PersonPolicy from '#policies/person_policy'
import { findPersonFor, managedOrganisationIds } from '#queries/people'
import { roleChangeValidator } from '#validators/user'

/** A person and their roles, limited to the organisations the reader manages. */
async function personJson(actor: User, person: User) {
  const managed = await managedOrganisationIds(actor)
  return {
    id: person.id,
    name: person.fullName,
    email: person.email,
    isActive: person.isActive,
    memberships: person.memberships
      .filter((m) => managed === null || managed.includes(m.organisationId))
      .map((m) => ({
        id: m.id,
        organisationId: m.organisationId,
        organisation: m.organisation.name,
        role: m.role,
        managesPeople: m.managesPeople,
      })),
  }
}

/** People and their roles per organisation, for administrators and people managers (ADR 0020). */
export default class UsersController {
  async show({ auth, bouncer, params }: HttpContext) {
    await bouncer.authorize('managePeople')
    const actor = auth.use('api').getUserOrFail()
    const person = await findPersonFor(actor, Number(params.id) || 0)
    return { data: await personJson(actor, person) }
  }

  /** POST /api/v1/users/:id/roles: gives a role in an organisation. */
  @inject()
  async store({ auth, bouncer, params, request, response }: HttpContext, addRole: AddRole) {
    await bouncer.authorize('managePeople')
    const actor = auth.use('api').getUserOrFail()
    const person = await findPersonFor(actor, Number(params.id) || 0)
    const data = await request.validateUsing(roleChangeValidator)
    const organisation = await Organisation.findOrFail(data.organisationId)
    await bouncer.with(PersonPolicy).authorize('changeRole', organisation, data.role)
    const result = await addRole.handle(
      { userId: person.id, organisationId: organisation.id, role: data.role },
      actor,
      request.ip()
    )
    if (!result.ok) {
      return response.conflict({
        errors: [
          {
            code: 'E_CONFLICT',
            message: apiText(request, 'ux.api.role_held'),
          },
        ],
      })
    }
    const fresh = await findPersonFor(actor, person.id)
    return response.created({ data: await personJson(actor, fresh) })
  }

  /** DELETE /api/v1/users/:id/roles/:membershipId: removes one role. */
  @inject()
  async destroy({ auth, bouncer, params, request }: HttpContext, removeRole: RemoveRole) {
    await bouncer.authorize('managePeople')
    const actor = auth.use('api').getUserOrFail()
    const person = await findPersonFor(actor, Number(params.id) || 0)
    const membership = await Membership.query()
      .where({ id: Number(params.membershipId) || 0, userId: person.id })
      .preload('organisation')
      .firstOrFail()
    await bouncer
      .with(PersonPolicy)
      .authorize('changeRole', membership.organisation, membership.role)
    await removeRole.handle(membership, actor, request.ip())
    const fresh = await findPersonFor(actor, person.id)
    return { data: await personJson(actor, fresh) }
  }
}
