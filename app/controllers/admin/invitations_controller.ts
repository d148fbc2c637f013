import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { InviteUser } from '#actions/users/invite_user'
import { assignableRoles, peopleAuthority } from '#domain/people'
import Organisation from '#models/organisation'
import PersonPolicy from '#policies/person_policy'
import { managedOrganisationIds } from '#queries/people'
import { invitationValidator } from '#validators/user'

/**
 * A person is invited to an organisation with a role: by an administrator
 * anywhere, by an organisation's people manager into their organisation
 * with the roles it allows them (ADR 0020).
 */
export default class InvitationsController {
  async create({ view, bouncer, auth }: HttpContext) {
    await bouncer.authorize('managePeople')
    const actor = auth.getUserOrFail()
    const managed = await managedOrganisationIds(actor)
    const organisations = await Organisation.query()
      .if(managed !== null, (query) => query.whereIn('id', managed ?? []))
      .orderBy('name')
    const roles = [
      ...new Set(
        organisations.flatMap((organisation) =>
          assignableRoles(peopleAuthority(actor.memberships, organisation), organisation.kind)
        )
      ),
    ]
    return view.render('pages/admin/invitations/create', { organisations, roles })
  }

  @inject()
  async store(
    { request, response, session, bouncer, auth, i18n }: HttpContext,
    inviteUser: InviteUser
  ) {
    await bouncer.authorize('managePeople')
    const data = await request.validateUsing(invitationValidator)
    const organisation = await Organisation.findOrFail(data.organisationId)
    await bouncer.with(PersonPolicy).authorize('invite', organisation, data.role)
    const result = await inviteUser.handle(data, auth.getUserOrFail(), request.ip())
    if (!result.ok) {
      session.flashAll()
      session.flashErrors({ role: i18n.t('messages.invitations.already_member') })
      return response.redirect().back()
    }
    session.flash('success', i18n.t('messages.invitations.sent', { email: result.user.email }))
    return response.redirect().toPath('/admin/users')
  }
}
