import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { PeopleMails } from '#services/people_mails'

/** An administrator reactivates a person; they sign in again with their password. */
export class ReactivateUser {
  async handle(userId: number, by: User, ip: string) {
    const reactivated = await db.transaction(async (trx) => {
      const user = await User.query({ client: trx }).where('id', userId).forUpdate().firstOrFail()
      if (user.isActive)
        throw new DomainConflictException('ux.conflicts.this_account_is_already_active')
      user.useTransaction(trx)
      user.isActive = true
      await user.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'user.reactivated',
        subjectType: 'user',
        subjectId: user.id,
        before: { isActive: false },
        after: { isActive: true },
        ip,
      })
      return user
    })
    await PeopleMails.send(reactivated, 'reactivated', { by: by.fullName })
    return reactivated
  }
}
