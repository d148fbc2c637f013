import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { Notifier } from '#services/notifier'
import { TwoFactor } from '#services/two_factor'
import { TwoFactorResetMail } from '#services/two_factor_reset_mail'
import { UserSessions } from '#services/user_sessions'

/**
 * An administrator resets another person's two-factor enrolment (a lost
 * phone): the secret and the recovery codes are deleted, every API token
 * of the person is deleted in the same transaction and every web session
 * of theirs is ended after it, so whoever holds the old factor or a signed-in
 * device is out. The person is told in the app and by mail, in their
 * language; a role that requires two-factor sign-in must enrol again at the
 * next sign-in (the auth middleware sends them to enrol). Who may do it is
 * the `resetTwoFactor` ability; this checks whether there is anything to reset.
 */
export class ResetTwoFactor {
  async handle(userId: number, by: User, ip: string) {
    const result = await db.transaction(async (trx) => {
      const query = User.query({ client: trx }).where('id', userId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const person = await query.firstOrFail()
      if (!person.hasTwoFactor) {
        throw new DomainConflictException('ux.conflicts.this_person_has_no_two_factor_sign')
      }
      await person.loadMemberships()
      const codes = await trx
        .from('two_factor_recovery_codes')
        .where('user_id', person.id)
        .whereNull('used_at')
        .count('* as total')
      const before = {
        twoFactor: true,
        enabledAt: person.twoFactorEnabledAt!.toUTC().toISO(),
        unusedRecoveryCodes: Number(codes[0]?.total ?? 0),
      }
      person.useTransaction(trx)
      person.twoFactorSecret = null
      person.twoFactorEnabledAt = null
      person.twoFactorLastStep = null
      await person.save()
      await trx.from('two_factor_recovery_codes').where('user_id', person.id).delete()
      const apiTokensDeleted = await UserSessions.revokeTokens(person, trx)
      const mustEnrol = TwoFactor.isMandatoryFor(person)
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'user.two_factor_reset',
        subjectType: 'user',
        subjectId: person.id,
        before,
        after: { twoFactor: false, apiTokensDeleted, sessionsEnded: true, mustEnrol },
        ip,
      })
      await Notifier.notify(trx, [person.id], {
        kind: 'imports2.two_factor_reset_notice',
        dedupeKey: `two_factor_reset:${person.id}:${DateTime.utc().toMillis()}`,
        subjectType: 'user',
        subjectId: person.id,
        params: { admin: by.fullName },
        href: '/profile/two-factor',
      })
      return { person, mustEnrol }
    })
    await UserSessions.endOthers(result.person)
    try {
      await TwoFactorResetMail.send(result.person, by, result.mustEnrol)
    } catch (error) {
      // The reset stands; the in-app notice still tells the person.
      logger.error({ err: error, userId: result.person.id }, 'two-factor reset mail not sent')
    }
    return result.person
  }
}
