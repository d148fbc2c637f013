import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { hasPendingInvitation } from '#actions/users/pending_invitation'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Membership from '#models/membership'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { AuthCache } from '#services/auth_cache'
import { PeopleMails } from '#services/people_mails'
import { instant } from '#services/sql'

/**
 * Withdraws a pending invitation: the links stop working, the roles it gave
 * are removed and the unused account is deactivated (kept for the audit).
 */
export class RevokeInvitation {
  async handle(userId: number, by: User, ip: string, now = DateTime.utc()) {
    const revoked = await db.transaction(async (trx) => {
      const user = await User.query({ client: trx }).where('id', userId).forUpdate().firstOrFail()
      if (!(await hasPendingInvitation(user.id, trx))) {
        throw new DomainConflictException('ux.conflicts.this_person_has_no_pending_invitation')
      }
      const memberships = await Membership.query({ client: trx })
        .where('userId', user.id)
        .preload('organisation')
      await trx
        .from('password_tokens')
        .where({ user_id: user.id, purpose: 'invitation' })
        .whereNull('used_at')
        .update({ used_at: instant(now), expires_at: instant(now) })
      await Membership.query({ client: trx }).where('userId', user.id).delete()
      AuthCache.forgetUser(user.id, trx)
      user.useTransaction(trx)
      user.isActive = false
      await user.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'invitation.revoked',
        subjectType: 'user',
        subjectId: user.id,
        before: {
          isActive: true,
          roles: memberships.map((m) => ({ role: m.role, organisation: m.organisation.name })),
        },
        after: { isActive: false, roles: [] },
        ip,
      })
      return user
    })
    await PeopleMails.send(revoked, 'revoked', { by: by.fullName })
    return revoked
  }
}
