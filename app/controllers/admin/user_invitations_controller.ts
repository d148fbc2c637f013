import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PersonPolicy from '#policies/person_policy'
import { findPersonFor } from '#queries/people'
import { ResendInvitation } from '#actions/users/resend_invitation'
import { RevokeInvitation } from '#actions/users/revoke_invitation'

/** A person's pending invitation: POST sends it again, DELETE withdraws it. */
export default class UserInvitationsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    resendInvitation: ResendInvitation
  ) {
    await bouncer.authorize('managePeople')
    const person = await findPersonFor(auth.getUserOrFail(), Number(params.id) || 0)
    await bouncer.with(PersonPolicy).authorize('actOnAccount', person)
    await resendInvitation.handle(person.id, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('onboarding.people.invitation_resent'))
    return response.redirect().toPath(`/admin/users/${params.id}`)
  }

  @inject()
  async destroy(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    revokeInvitation: RevokeInvitation
  ) {
    await bouncer.authorize('managePeople')
    const person = await findPersonFor(auth.getUserOrFail(), Number(params.id) || 0)
    await bouncer.with(PersonPolicy).authorize('actOnAccount', person)
    await revokeInvitation.handle(person.id, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('onboarding.people.invitation_revoked'))
    return response.redirect().toPath(`/admin/users/${params.id}`)
  }
}
