import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import { daysBetween } from '#domain/licences/licence'
import {
  dueReportReminder,
  type ReportReminderSchedule,
} from '#actions/reports/send_report_reminders'
import ActionPoint from '#models/action_point'
import Membership from '#models/membership'
import MonitoringVisit from '#models/monitoring_visit'
import Notification from '#models/notification'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { Notifier } from '#services/notifier'

/** 7 days before and on the due date, then 1 and 14 days after it (defaults). */
export const defaultActionPointReminderSchedule: ReportReminderSchedule = {
  daysBefore: [7, 0],
  daysAfter: [1, 14],
}

const kinds = {
  due: 'monitoring.notifications.action_point_due',
  overdue: 'monitoring.notifications.action_point_overdue',
} as const

/**
 * Reminders of open action points, in the app and by mail, to the owner
 * (the person named, or else the owner organisation's applicants and grant
 * managers); once overdue, also to the visit's lead. Each threshold is sent
 * once per action point (dedupe key), so running twice sends nothing new.
 * An answered point waits for the monitor: no reminder.
 */
export class SendActionPointReminders {
  constructor(private schedule: ReportReminderSchedule = defaultActionPointReminderSchedule) {}

  async handle(today: string) {
    const points = await ActionPoint.query().where('status', 'open').preload('grant').orderBy('id')
    if (points.length === 0) return 0
    const sent = await Notification.query()
      .whereIn('kind', Object.values(kinds))
      .where('subject_type', 'action_point')
      .whereIn(
        'subject_id',
        points.map((p) => String(p.id))
      )
      .distinct('dedupe_key')
    const sentKeys = new Set(sent.map((row) => row.dedupeKey))
    const thresholds = [
      ...this.schedule.daysBefore.map((d) => `before-${d}`),
      ...this.schedule.daysAfter.map((d) => `after-${d}`),
    ]
    const visits = await MonitoringVisit.query().whereIn(
      'id',
      points.map((p) => p.visitId)
    )
    const leadOf = new Map(visits.map((v) => [v.id, v.leadUserId]))
    const members = await Membership.query()
      .whereIn('organisation_id', [...new Set(points.map((p) => p.ownerOrganisationId))])
      .whereIn('role', ['applicant', 'grant_manager'])

    const outbox: {
      point: ActionPoint
      kind: string
      params: Record<string, string | number>
      userIds: number[]
    }[] = []
    for (const point of points) {
      const dueOn = point.dueOn.toISODate()!
      const already = thresholds.filter((t) => sentKeys.has(dedupeKey(point.id, t)))
      const due = dueReportReminder(dueOn, today, already, this.schedule)
      if (!due) continue
      const overdue = due.offset > 0
      const kind = overdue ? kinds.overdue : kinds.due
      const params = {
        title: point.title,
        reference: point.grant.reference,
        dueOn,
        days: Math.abs(daysBetween(dueOn, today)),
      }
      const owners = point.ownerUserId
        ? [point.ownerUserId]
        : members.filter((m) => m.organisationId === point.ownerOrganisationId).map((m) => m.userId)
      const recipients = [...owners, ...(overdue ? [leadOf.get(point.visitId)!] : [])]
      const userIds = await db.transaction(async (trx) => {
        const fresh = await Notifier.notify(trx, recipients, {
          kind,
          dedupeKey: dedupeKey(point.id, due.threshold),
          subjectType: 'action_point',
          subjectId: point.id,
          params,
          href: `/action-points/${point.id}`,
        })
        await AuditTrail.record(trx, {
          actorId: null,
          organisationId: point.organisationId,
          action: 'action_point.reminder_sent',
          subjectType: 'action_point',
          subjectId: point.id,
          after: { dueOn, threshold: due.threshold, skipped: due.skip, recipients: fresh.length },
        })
        return fresh
      })
      if (userIds.length > 0) outbox.push({ point, kind, params, userIds })
    }

    const ids = [...new Set(outbox.flatMap((entry) => entry.userIds))]
    const users = ids.length ? await User.query().whereIn('id', ids).where('is_active', true) : []
    const userById = new Map(users.map((user) => [user.id, user]))
    let mailed = 0
    for (const { point, kind, params, userIds } of outbox) {
      for (const user of userIds.map((id) => userById.get(id)).filter((u) => u !== undefined)) {
        const i18n = i18nManager.locale(user.locale ?? i18nManager.defaultLocale)
        await mail.send((message) => {
          message
            .to(user.email, user.fullName)
            .subject(i18n.t(`${kind}.title`, params))
            .text(`${i18n.t(`${kind}.body`, params)}\n\n${appUrl}/action-points/${point.id}`)
        })
        mailed++
      }
    }
    return mailed
  }
}

function dedupeKey(id: number, threshold: string) {
  return `action_point:${id}:${threshold}`
}
