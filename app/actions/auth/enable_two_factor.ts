import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { TwoFactor } from '#services/two_factor'

/**
 * Switches two-factor sign-in on once the person proves, with a current
 * code, that their authenticator holds `base32`. Returns the recovery codes
 * to show once, or null when the code is wrong.
 */
export class EnableTwoFactor {
  async handle(user: User, base32: string, code: string, ip: string) {
    const step = TwoFactor.matchingStep(user, base32, code, null)
    if (step === null) return null
    return db.transaction(async (trx) => {
      const codes = await TwoFactor.enable(user, base32, step, trx)
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: 'auth.two_factor_enabled',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
      return codes
    })
  }
}
