import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { RequestPasswordReset } from '#actions/auth/request_password_reset'
import { ResetPassword } from '#actions/auth/reset_password'
import { PasswordTokens } from '#services/password_tokens'
import { forgotPasswordValidator, resetPasswordValidator } from '#validators/auth'

export default class PasswordResetsController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/forgot_password')
  }

  @inject()
  async store(
    { request, response, session, i18n }: HttpContext,
    requestReset: RequestPasswordReset
  ) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    await requestReset.handle(email, request.ip())
    session.flash('success', i18n.t('messages.auth.reset_link_sent'))
    return response.redirect().toPath('/login')
  }

  async edit({ params, view }: HttpContext) {
    const token = await PasswordTokens.findUsable(params.token)
    return view.render('pages/auth/reset_password', {
      token: params.token,
      isUsable: Boolean(token),
    })
  }

  @inject()
  async update(
    { params, request, response, session, i18n }: HttpContext,
    resetPassword: ResetPassword
  ) {
    const { password } = await request.validateUsing(resetPasswordValidator)
    const done = await resetPassword.handle(params.token, password, request.ip())
    if (!done) {
      session.flash('error', i18n.t('messages.auth.reset_link_invalid'))
      return response.redirect().toPath('/password/forgot')
    }
    session.flash('success', i18n.t('messages.auth.password_changed'))
    return response.redirect().toPath('/login')
  }
}
