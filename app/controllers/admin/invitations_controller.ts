import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { InviteUser } from '#actions/users/invite_user'
import { roles } from '#domain/roles'
import Organisation from '#models/organisation'
import { invitationValidator } from '#validators/user'

/** An administrator invites a person to an organisation with a role. */
export default class InvitationsController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const organisations = await Organisation.query().orderBy('name')
    return view.render('pages/admin/invitations/create', { organisations, roles })
  }

  @inject()
  async store(
    { request, response, session, bouncer, auth, i18n }: HttpContext,
    inviteUser: InviteUser
  ) {
    await bouncer.authorize('administer')
    const data = await request.validateUsing(invitationValidator)
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
