import limiter from '@adonisjs/limiter/services/main'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number }

/**
 * Checks an email and password for the login form and the API token
 * endpoint alike. Failed attempts are counted per email and IP address:
 * after `maxAttempts` failures within `window` the pair is blocked for
 * `block`, even for the right password. Each outcome is audited.
 */
export class AttemptLogin {
  static maxAttempts = 5
  static window = '1 min'
  static block = '15 mins'

  async handle(email: string, password: string, ip: string): Promise<LoginResult> {
    const throttle = limiter.use({
      requests: AttemptLogin.maxAttempts,
      duration: AttemptLogin.window,
      blockDuration: AttemptLogin.block,
    })
    const key = `login:${email.toLowerCase()}:${ip}`

    let outcome: Awaited<ReturnType<typeof throttle.penalize<User>>> | null = null
    try {
      outcome = await throttle.penalize(key, async () => {
        const user = await User.verifyCredentials(email, password)
        if (!user.isActive) throw new authErrors.E_INVALID_CREDENTIALS('Invalid credentials')
        return user
      })
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
    }

    if (outcome?.[0]) {
      await AuditTrail.recordNow({
        actorId: null,
        action: 'auth.login_blocked',
        after: { email },
        ip,
      })
      return {
        ok: false,
        reason: 'too_many_attempts',
        retryAfterSeconds: outcome[0].response.availableIn,
      }
    }
    const user = outcome?.[1]
    if (!user) {
      await AuditTrail.recordNow({
        actorId: null,
        action: 'auth.login_failed',
        after: { email },
        ip,
      })
      return { ok: false, reason: 'invalid_credentials' }
    }
    await AuditTrail.recordNow({
      actorId: user.id,
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      ip,
    })
    return { ok: true, user }
  }
}
