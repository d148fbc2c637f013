import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { TwoFactor } from '#services/two_factor'

/** Ten new recovery codes for a person with two-factor sign-in; the old ones stop working. */
export class ReplaceRecoveryCodes {
  async handle(user: User, ip: string) {
    return db.transaction(async (trx) => {
      const codes = await TwoFactor.replaceRecoveryCodes(user, trx)
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: 'auth.two_factor_recovery_codes_replaced',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
      return codes
    })
  }
}
