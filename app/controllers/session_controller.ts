import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AttemptLogin } from '#actions/auth/attempt_login'
import { CHALLENGE_KEY } from '#controllers/two_factor_challenges_controller'
import { AuditTrail } from '#services/audit_trail'
import { SessionLifetime } from '#services/session_lifetime'
import { loginValidator } from '#validators/auth'

export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  @inject()
  async store({ request, auth, response, session, i18n }: HttpContext, attemptLogin: AttemptLogin) {
    const { email, password } = await request.validateUsing(loginValidator)
    const result = await attemptLogin.handle(email, password, request.ip())
    if (!result.ok) {
      session.flashOnly(['email'])
      session.flash(
        'error',
        result.reason === 'too_many_attempts'
          ? i18n.t('messages.auth.too_many_attempts', {
              minutes: Math.ceil(result.retryAfterSeconds / 60),
            })
          : i18n.t('messages.auth.invalid_credentials')
      )
      return response.redirect().back()
    }
    if (result.user.hasTwoFactor) {
      session.regenerate()
      session.put(CHALLENGE_KEY, { userId: result.user.id, at: Date.now() })
      return response.redirect().toPath('/login/two-factor')
    }
    await auth.use('web').login(result.user)
    SessionLifetime.start(session)
    if (session.supportsTagging()) await session.tag(String(result.user.id))
    return response.redirect().toPath('/dashboard')
  }

  async destroy({ auth, response, request, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    await auth.use('web').logout()
    await AuditTrail.recordNow({
      actorId: user.id,
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: user.id,
      ip: request.ip(),
    })
    session.flash('success', i18n.t('messages.auth.signed_out'))
    return response.redirect().toPath('/login')
  }
}
