import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import { dueReminder } from '#domain/licences/reminders'
import { addDays, stoppedOn } from '#domain/licences/licence'
import Licence from '#models/licence'
import Membership from '#models/membership'
import Notification from '#models/notification'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { Notifier } from '#services/notifier'
import { programmeSettingsAt } from '#services/programme_settings'

/**
 * Licence expiry reminders (90, 60, 30 days before and on expiry) by mail
 * and in the app, to the NGO's people, the grant managers of every funder
 * of a grant the NGO holds, and the MLSW officials.
 * Each reminder is sent once: running twice sends nothing new.
 */
export class SendLicenceReminders {
  async handle(today: string) {
    const licences = await Licence.query()
      .withScopes((s) => s.withFacts())
      .preload('organisation')
      .where('valid_until', '>=', addDays(today, -1))
      .orderBy('valid_until')
    const mlswOfficials = await Membership.query().where('role', 'mlsw_official').select('user_id')
    /* The reminder days of the programme settings in force on the day it runs. */
    const { licenceReminderDays } = await programmeSettingsAt(today)
    let sent = 0

    for (const licence of licences) {
      const facts = licence.toFacts()
      if (stoppedOn(facts, today) === 'revoked') continue
      if (licences.some((other) => other.replacesLicenceId === licence.id)) continue
      const sentThresholds = await this.sentThresholds(licence.id)
      const due = dueReminder(facts.validUntil, today, sentThresholds, licenceReminderDays)
      if (!due) continue

      const grantManagers = await Membership.query()
        .where('role', 'grant_manager')
        .whereIn('organisation_id', (funders) =>
          funders
            .from('grants')
            .select('funder_organisation_id')
            .where('grantee_organisation_id', licence.organisationId)
            .whereNot('status', 'closed')
        )
        .select('user_id')
      const members = await Membership.query()
        .where('organisation_id', licence.organisationId)
        .select('user_id')
      const recipients = [...members, ...grantManagers, ...mlswOfficials].map((m) => m.userId)
      const params = {
        number: licence.number,
        organisation: licence.organisation.name,
        validUntil: facts.validUntil,
      }

      const notified = await db.transaction(async (trx) => {
        const fresh = await Notifier.notify(
          trx,
          recipients,
          this.input(licence.id, due.threshold, params)
        )
        await AuditTrail.record(trx, {
          actorId: null,
          organisationId: licence.organisationId,
          action: 'licence.reminder_sent',
          subjectType: 'licence',
          subjectId: licence.id,
          after: { threshold: due.threshold, skipped: due.skip, recipients: fresh.length },
        })
        return fresh
      })

      const users = await User.query().whereIn('id', notified).where('is_active', true)
      for (const user of users) {
        const i18n = i18nManager.locale(user.locale ?? i18nManager.defaultLocale)
        const key = due.threshold === 0 ? 'expired' : 'expiring'
        await mail.send((message) => {
          message
            .to(user.email, user.fullName)
            .subject(
              i18n.t(`messages.notifications.licence_${key}.title`, {
                ...params,
                days: due.threshold,
              })
            )
            .text(
              `${i18n.t(`messages.notifications.licence_${key}.body`, { ...params, days: due.threshold })}\n\n${appUrl}/licences/${licence.id}`
            )
        })
        sent++
      }
    }
    return sent
  }

  private input(licenceId: number, threshold: number, params: Record<string, string>) {
    return {
      kind: threshold === 0 ? 'licence_expired' : 'licence_expiring',
      dedupeKey: `licence:${licenceId}:expiry:${threshold}`,
      subjectType: 'licence',
      subjectId: licenceId,
      params: { ...params, days: threshold },
      href: `/licences/${licenceId}`,
    }
  }

  /** Thresholds already sent for a licence, read from the notifications. */
  private async sentThresholds(licenceId: number) {
    const rows = await Notification.query()
      .where('subject_type', 'licence')
      .where('subject_id', String(licenceId))
      .whereIn('kind', ['licence_expiring', 'licence_expired'])
      .distinct('dedupe_key')
    return rows.map((row) => Number(row.dedupeKey.split(':')[3]))
  }
}
