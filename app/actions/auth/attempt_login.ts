import limiter from '@adonisjs/limiter/services/main'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number }

type BlockedBy = 'account' | 'address'

/**
 * Checks an email and password for the login form and the API token
 * endpoint alike. Failures are counted twice:
 *
 * - per account, from any address: `account.maxAttempts` failures within
 *   `account.window` lock the account for `account.block`, even for the
 *   right password, so rotating addresses does not help a guesser;
 * - per address, across accounts: `address.maxAttempts` failures within
 *   `address.window` block the address for `address.block` (password
 *   spraying: a few guesses on each of many accounts).
 *
 * A successful sign-in clears the account's counter, not the address's, so
 * an attacker cannot reset it by signing in to an account of their own.
 * Each outcome is audited.
 */
export class AttemptLogin {
  static account = { maxAttempts: 5, window: '15 mins', block: '15 mins' }
  static address = { maxAttempts: 20, window: '15 mins', block: '1 hour' }

  async handle(email: string, password: string, ip: string): Promise<LoginResult> {
    const counters = [
      {
        scope: 'account' as BlockedBy,
        key: `login:account:${email.trim().toLowerCase()}`,
        throttle: limiter.use({
          requests: AttemptLogin.account.maxAttempts,
          duration: AttemptLogin.account.window,
          blockDuration: AttemptLogin.account.block,
        }),
      },
      {
        scope: 'address' as BlockedBy,
        key: `login:address:${ip}`,
        throttle: limiter.use({
          requests: AttemptLogin.address.maxAttempts,
          duration: AttemptLogin.address.window,
          blockDuration: AttemptLogin.address.block,
        }),
      },
    ]

    for (const { scope, key, throttle } of counters) {
      const state = await throttle.get(key)
      if (state && state.remaining <= 0) {
        await AuditTrail.recordNow({
          actorId: null,
          action: 'auth.login_blocked',
          after: { email, blockedBy: scope },
          ip,
        })
        return {
          ok: false,
          reason: 'too_many_attempts',
          retryAfterSeconds: Math.max(1, state.availableIn),
        }
      }
    }

    const user = await this.#verify(email, password)
    if (!user) {
      for (const { key, throttle } of counters) {
        const { consumed, limit } = await throttle.increment(key)
        if (consumed >= limit) await throttle.block(key, throttle.blockDuration)
      }
      await AuditTrail.recordNow({
        actorId: null,
        action: 'auth.login_failed',
        after: { email },
        ip,
      })
      return { ok: false, reason: 'invalid_credentials' }
    }

    await counters[0].throttle.delete(counters[0].key)
    await AuditTrail.recordNow({
      actorId: user.id,
      // with two-factor sign-in, the sign-in is recorded after the second step
      action: user.hasTwoFactor ? 'auth.password_accepted' : 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      ip,
    })
    return { ok: true, user }
  }

  async #verify(email: string, password: string): Promise<User | null> {
    try {
      const user = await User.verifyCredentials(email, password)
      return user.isActive ? user : null
    } catch (error) {
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) return null
      throw error
    }
  }
}
