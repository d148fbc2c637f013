import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ResetTwoFactor } from '#actions/users/reset_two_factor'
import User from '#models/user'

/** An administrator resets another person's two-factor sign-in (POST creates the reset). */
export default class UserTwoFactorResetsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    resetTwoFactor: ResetTwoFactor
  ) {
    const person = await User.findOrFail(Number(params.id) || 0)
    await bouncer.authorize('resetTwoFactor', person)
    await resetTwoFactor.handle(person.id, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('imports2.two_factor_reset.done', { name: person.fullName }))
    return response.redirect().toPath(`/admin/users/${person.id}`)
  }
}
