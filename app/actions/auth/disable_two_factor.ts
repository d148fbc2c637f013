import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { TwoFactor } from '#services/two_factor'

/**
 * Switches two-factor sign-in off and deletes the recovery codes. Refused
 * (false) for the roles that must keep it while it is required.
 */
export class DisableTwoFactor {
  async handle(user: User, ip: string) {
    await user.loadMemberships()
    if (TwoFactor.isMandatoryFor(user)) return false
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.twoFactorSecret = null
      user.twoFactorEnabledAt = null
      user.twoFactorLastStep = null
      await user.save()
      await trx.from('two_factor_recovery_codes').where('user_id', user.id).delete()
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: 'auth.two_factor_disabled',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      })
    })
    return true
  }
}
