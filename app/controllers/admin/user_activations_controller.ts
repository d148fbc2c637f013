import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PersonPolicy from '#policies/person_policy'
import { findPersonFor } from '#queries/people'
import { DeactivateUser } from '#actions/users/deactivate_user'
import { ReactivateUser } from '#actions/users/reactivate_user'

/** Deactivation as a noun: POST creates it (deactivate), DELETE removes it (reactivate). */
export default class UserActivationsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    deactivateUser: DeactivateUser
  ) {
    await bouncer.authorize('managePeople')
    const person = await findPersonFor(auth.getUserOrFail(), Number(params.id) || 0)
    await bouncer.with(PersonPolicy).authorize('actOnAccount', person)
    await deactivateUser.handle(person.id, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('onboarding.people.deactivated'))
    return response.redirect().toPath(`/admin/users/${params.id}`)
  }

  @inject()
  async destroy(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    reactivateUser: ReactivateUser
  ) {
    await bouncer.authorize('managePeople')
    const person = await findPersonFor(auth.getUserOrFail(), Number(params.id) || 0)
    await bouncer.with(PersonPolicy).authorize('actOnAccount', person)
    await reactivateUser.handle(person.id, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('onboarding.people.reactivated'))
    return response.redirect().toPath(`/admin/users/${params.id}`)
  }
}
