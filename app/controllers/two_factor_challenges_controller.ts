import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { VerifySecondFactor } from '#actions/auth/verify_second_factor'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { SessionLifetime } from '#services/session_lifetime'
import { secondFactorValidator } from '#validators/auth'

/** Who passed the password step and when (epoch ms); the second step must follow soon. */
export const CHALLENGE_KEY = 'two_factor_challenge'
const CHALLENGE_MS = 5 * 60_000

/** The second step of signing in, for accounts with two-factor sign-in. */
export default class TwoFactorChallengesController {
  async create({ session, response, view }: HttpContext) {
    if (!(await TwoFactorChallengesController.pendingUser(session))) {
      return response.redirect().toPath('/login')
    }
    return view.render('pages/auth/two_factor')
  }

  @inject()
  async store(
    { auth, request, response, session, i18n }: HttpContext,
    verifySecondFactor: VerifySecondFactor
  ) {
    const user = await TwoFactorChallengesController.pendingUser(session)
    if (!user) {
      session.flash('error', i18n.t('two_factor.challenge_expired'))
      return response.redirect().toPath('/login')
    }
    const { code } = await request.validateUsing(secondFactorValidator)
    const result = await verifySecondFactor.handle(user, code, request.ip())
    if (!result.ok) {
      session.flash(
        'error',
        result.reason === 'too_many_attempts'
          ? i18n.t('messages.auth.too_many_attempts', {
              minutes: Math.ceil(result.retryAfterSeconds / 60),
            })
          : i18n.t('two_factor.wrong_code')
      )
      return response.redirect().toPath('/login/two-factor')
    }
    session.forget(CHALLENGE_KEY)
    await auth.use('web').login(user)
    await AuditTrail.recordNow({
      actorId: user.id,
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      after: { secondFactor: result.method },
      ip: request.ip(),
    })
    SessionLifetime.start(session)
    if (session.supportsTagging()) await session.tag(String(user.id))
    if (result.method === 'recovery_code') {
      session.flash('success', i18n.t('two_factor.recovery_code_used'))
    }
    return response.redirect().toPath('/dashboard')
  }

  static async pendingUser(session: HttpContext['session']) {
    const challenge = session.get(CHALLENGE_KEY) as { userId: number; at: number } | undefined
    if (!challenge || Date.now() - challenge.at > CHALLENGE_MS) return null
    const user = await User.find(challenge.userId)
    return user && user.isActive && user.hasTwoFactor ? user : null
  }
}
