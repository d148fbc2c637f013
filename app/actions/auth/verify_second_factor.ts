import limiter from '@adonisjs/limiter/services/main'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { TwoFactor } from '#services/two_factor'

export type SecondFactorResult =
  | { ok: true; method: 'totp' | 'recovery_code' }
  | { ok: false; reason: 'invalid_code' }
  | { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number }

/**
 * Checks the code of the second sign-in step (login form and token
 * endpoint alike). `maxAttempts` wrong codes for one account lock the step
 * for `block`, whatever the address. Each outcome is audited.
 */
export class VerifySecondFactor {
  static maxAttempts = 5
  static window = '15 mins'
  static block = '15 mins'

  async handle(user: User, code: string, ip: string): Promise<SecondFactorResult> {
    const throttle = limiter.use({
      requests: VerifySecondFactor.maxAttempts,
      duration: VerifySecondFactor.window,
      blockDuration: VerifySecondFactor.block,
    })
    const key = `two_factor:user:${user.id}`
    const state = await throttle.get(key)
    if (state && state.remaining <= 0) {
      await AuditTrail.recordNow({
        actorId: null,
        action: 'auth.two_factor_blocked',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
      return {
        ok: false,
        reason: 'too_many_attempts',
        retryAfterSeconds: Math.max(1, state.availableIn),
      }
    }

    const method = await TwoFactor.verify(user, code)
    if (!method) {
      const { consumed, limit } = await throttle.increment(key)
      if (consumed >= limit) await throttle.block(key, throttle.blockDuration)
      await AuditTrail.recordNow({
        actorId: null,
        action: 'auth.two_factor_failed',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
      return { ok: false, reason: 'invalid_code' }
    }

    await throttle.delete(key)
    await AuditTrail.recordNow({
      actorId: user.id,
      action: 'auth.two_factor_passed',
      subjectType: 'user',
      subjectId: user.id,
      after: { method },
      ip,
    })
    return { ok: true, method }
  }
}
