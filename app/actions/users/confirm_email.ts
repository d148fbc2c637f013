import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { readConfirmationToken, RegistrationMails } from '#services/registration_mails'

/**
 * A registrant follows the link in their email: the account becomes active
 * and the funder's grant managers are told a registration awaits them.
 * The link works once; an invalid, expired or used link changes nothing.
 */
export class ConfirmEmail {
  async handle(token: string, ip: string, now = DateTime.utc()) {
    const claim = readConfirmationToken(token)
    if (!claim) return { ok: false as const }
    const result = await db.transaction(async (trx) => {
      const user = await User.query({ client: trx }).where('id', claim.userId).forUpdate().first()
      if (!user || user.email !== claim.email || user.emailConfirmedAt) return null
      user.useTransaction(trx)
      user.emailConfirmedAt = now
      user.isActive = true
      await user.save()
      const membership = await Membership.query({ client: trx })
        .where('userId', user.id)
        .preload('organisation')
        .first()
      await AuditTrail.record(trx, {
        actorId: user.id,
        organisationId: membership?.organisationId ?? null,
        action: 'user.email_confirmed',
        subjectType: 'user',
        subjectId: user.id,
        after: { email: user.email, isActive: true },
        ip,
      })
      return { user, organisation: membership?.organisation ?? null }
    })
    if (!result) return { ok: false as const }

    if (result.organisation?.status === 'pending') {
      const managers = await User.query()
        .where('isActive', true)
        .whereHas('memberships', (m) =>
          m
            .where('role', 'grant_manager')
            .whereHas('organisation', (o) => o.where('kind', 'contracting_authority'))
        )
      await RegistrationMails.awaitingVerification(managers, result.organisation)
    }
    return { ok: true as const, user: result.user }
  }
}
