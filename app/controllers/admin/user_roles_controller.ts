import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AddRole } from '#actions/users/add_role'
import { RemoveRole } from '#actions/users/remove_role'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import PersonPolicy from '#policies/person_policy'
import { findPersonFor } from '#queries/people'
import { roleChangeValidator } from '#validators/user'

/** A person's roles per organisation: POST gives one, DELETE removes one (ADR 0020). */
export default class UserRolesController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    addRole: AddRole
  ) {
    await bouncer.authorize('managePeople')
    const person = await findPersonFor(auth.getUserOrFail(), Number(params.id) || 0)
    const data = await request.validateUsing(roleChangeValidator)
    const organisation = await Organisation.findOrFail(data.organisationId)
    await bouncer.with(PersonPolicy).authorize('changeRole', organisation, data.role)
    const result = await addRole.handle(
      { userId: person.id, organisationId: organisation.id, role: data.role },
      auth.getUserOrFail(),
      request.ip()
    )
    if (!result.ok) session.flash('error', i18n.t('people.page.already_holds'))
    else session.flash('success', i18n.t('people.page.role_added'))
    return response.redirect().toPath(`/admin/users/${person.id}`)
  }

  @inject()
  async destroy(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    removeRole: RemoveRole
  ) {
    await bouncer.authorize('managePeople')
    const person = await findPersonFor(auth.getUserOrFail(), Number(params.id) || 0)
    const membership = await Membership.query()
      .where({ id: Number(params.membershipId) || 0, userId: person.id })
      .preload('organisation')
      .firstOrFail()
    await bouncer
      .with(PersonPolicy)
      .authorize('changeRole', membership.organisation, membership.role)
    await removeRole.handle(membership, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('people.page.role_removed'))
    return response.redirect().toPath(`/admin/users/${person.id}`)
  }
}
