import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import PeopleConflictException from '#exceptions/people_conflict_exception'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { AuthCache } from '#services/auth_cache'
import { PeopleMails } from '#services/people_mails'
import { isLastAdministrator } from '#domain/people'
import { otherActiveAdministrators } from '#actions/users/administrators'

/**
 * An administrator (or the person's organisation's people manager) deactivates a person: they can no longer sign in (the
 * login and the auth middleware refuse inactive accounts) and their API
 * tokens are deleted in the same transaction, so they stop at once. The
 * last active administrator is never deactivated, and nobody deactivates
 * themself.
 */
export class DeactivateUser {
  async handle(userId: number, by: User, ip: string) {
    const deactivated = await db.transaction(async (trx) => {
      const user = await User.query({ client: trx }).where('id', userId).forUpdate().firstOrFail()
      if (user.id === by.id) {
        throw new DomainConflictException('ux.conflicts.you_cannot_deactivate_your_own_account')
      }
      if (!user.isActive)
        throw new DomainConflictException('ux.conflicts.this_account_is_already_inactive')
      const isAdmin = await trx
        .from('memberships')
        .where({ user_id: user.id, role: 'admin' })
        .first()
      if (isAdmin && isLastAdministrator(await otherActiveAdministrators(trx, user.id))) {
        throw new PeopleConflictException('last_admin')
      }
      user.useTransaction(trx)
      user.isActive = false
      await user.save()
      const revoked = await trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
      AuthCache.forgetUser(user.id, trx)
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'user.deactivated',
        subjectType: 'user',
        subjectId: user.id,
        before: { isActive: true },
        after: { isActive: false, apiTokensDeleted: Number(revoked) },
        ip,
      })
      return user
    })
    await PeopleMails.send(deactivated, 'deactivated', { by: by.fullName })
    return deactivated
  }
}
