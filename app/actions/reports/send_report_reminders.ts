import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import type { GrantStatus, ReportingPeriod } from '#domain/grants/grant_terms'
import { daysBetween } from '#domain/licences/licence'
import type { ExpenseReportStatus } from '#models/expense_report'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import Membership from '#models/membership'
import Notification from '#models/notification'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { Notifier } from '#services/notifier'
import { programmeSettingsAt } from '#services/programme_settings'

/** When reminders go out, in days relative to the report's due date (defaults; data, not rules). */
export interface ReportReminderSchedule {
  /** Reminders this many days before the due date. */
  daysBefore: readonly number[]
  /** Reminders this many days after the due date while the report is still missing. */
  daysAfter: readonly number[]
}

export const defaultReportReminderSchedule: ReportReminderSchedule = {
  daysBefore: [14, 3],
  daysAfter: [1, 14],
}

export interface DueReportReminder {
  /** `before-14`, `before-3`, `after-1`, `after-14`: part of the dedupe key. */
  threshold: string
  /** Days from the due date to the threshold: −14, −3, 1, 14. */
  offset: number
  /** Earlier thresholds reached at the same time and never sent: passed over. */
  skip: string[]
}

/**
 * Which reminder is due for a report due on `dueOn`, on `today`: the latest
 * threshold that has been reached, unless it was already sent. Earlier
 * thresholds reached at the same time are passed over (a late first run
 * sends one reminder, not four), and once a later one is sent, earlier ones
 * never are (not even when run for an earlier day).
 */
export function dueReportReminder(
  dueOn: string,
  today: string,
  alreadySent: readonly string[],
  schedule: ReportReminderSchedule = defaultReportReminderSchedule
): DueReportReminder | null {
  const elapsed = daysBetween(dueOn, today)
  const thresholds = [
    ...schedule.daysBefore.map((days) => ({ threshold: `before-${days}`, offset: -days })),
    ...schedule.daysAfter.map((days) => ({ threshold: `after-${days}`, offset: days })),
  ]
  const reached = thresholds.filter((t) => elapsed >= t.offset).sort((a, b) => b.offset - a.offset)
  if (reached.length === 0) return null
  const [latest, ...earlier] = reached
  const laterSent = thresholds.some(
    (t) => t.offset >= latest.offset && alreadySent.includes(t.threshold)
  )
  if (laterSent) return null
  return {
    ...latest,
    skip: earlier.map((t) => t.threshold).filter((t) => !alreadySent.includes(t)),
  }
}

/** Grants whose reports may still be due. */
const reportingGrantStatuses: readonly GrantStatus[] = [
  'signed',
  'in_implementation',
  'suspended',
  'implementation_ended',
  'final_report_submitted',
]

/** A report in one of these states is with the funder or done: no reminder. */
const filedStatuses: readonly ExpenseReportStatus[] = [
  'submitted',
  'under_verification',
  'approved',
]

const reminderKinds = ['report_due', 'report_overdue'] as const

interface Reminder {
  grant: Grant
  period: ReportingPeriod
  report: ExpenseReport | null
  due: DueReportReminder
  /** Days left before the due date, or days since it once it has passed. */
  days: number
}

/**
 * Reminders of expense reports (issue #6 point 1) by mail and in the app:
 * 14 and 3 days before the due date of a past period's report and 1 and
 * 14 days after it, while the report is not submitted (missing, draft or
 * returned for revision). They go to the grantee's applicants and grant
 * managers, and after the deadline also to the funder's grant managers.
 * Each reminder is sent once (dedupe key per grant, period and threshold):
 * running twice sends nothing new.
 */
export class SendReportReminders {
  private schedule: ReportReminderSchedule = defaultReportReminderSchedule

  /** Without a schedule, the days of the programme settings in force on the day it runs. */
  constructor(private given?: ReportReminderSchedule) {}

  async handle(today: string) {
    const settings = this.given ? null : await programmeSettingsAt(today)
    this.schedule = this.given ?? {
      daysBefore: settings!.reportReminderDaysBefore,
      daysAfter: settings!.reportReminderDaysAfter,
    }
    const grants = await Grant.query()
      .whereIn('status', [...reportingGrantStatuses])
      .where('starts_on', '<=', today)
      .preload('grantee')
      .orderBy('id')
    if (grants.length === 0) return 0
    const grantIds = grants.map((grant) => grant.id)
    const [reports, sent] = await Promise.all([
      ExpenseReport.query().whereIn('grant_id', grantIds),
      Notification.query()
        .whereIn('kind', [...reminderKinds])
        .where('subject_type', 'grant')
        .whereIn('subject_id', grantIds.map(String))
        .distinct('dedupe_key'),
    ])
    const reportOf = new Map(reports.map((r) => [`${r.grantId}:${r.periodNumber}`, r]))
    const sentKeys = new Set(sent.map((row) => row.dedupeKey))

    const reminders: Reminder[] = []
    for (const grant of grants) {
      for (const period of grant.periods) {
        if (period.endsOn >= today) continue
        const report = reportOf.get(`${grant.id}:${period.number}`) ?? null
        if (report && filedStatuses.includes(report.status)) continue
        const alreadySent = this.thresholds().filter((threshold) =>
          sentKeys.has(dedupeKey(grant.id, period.number, threshold))
        )
        const due = dueReportReminder(period.reportDueOn, today, alreadySent, this.schedule)
        if (due) {
          const days = Math.abs(daysBetween(period.reportDueOn, today))
          reminders.push({ grant, period, report, due, days })
        }
      }
    }
    if (reminders.length === 0) return 0

    const organisationIds = [
      ...new Set(
        reminders.flatMap(({ grant }) => [grant.granteeOrganisationId, grant.funderOrganisationId])
      ),
    ]
    const memberships = await Membership.query()
      .whereIn('organisation_id', organisationIds)
      .whereIn('role', ['applicant', 'grant_manager'])
    const recipientsOf = ({ grant, due }: Reminder) => [
      ...memberships
        .filter((m) => m.organisationId === grant.granteeOrganisationId)
        .map((m) => m.userId),
      ...(due.offset > 0
        ? memberships
            .filter(
              (m) => m.organisationId === grant.funderOrganisationId && m.role === 'grant_manager'
            )
            .map((m) => m.userId)
        : []),
    ]

    const outbox: { reminder: Reminder; userIds: number[] }[] = []
    for (const reminder of reminders) {
      const { grant, period, report, due } = reminder
      const userIds = await db.transaction(async (trx) => {
        const fresh = await Notifier.notify(trx, recipientsOf(reminder), {
          kind: kindOf(due),
          dedupeKey: dedupeKey(grant.id, period.number, due.threshold),
          subjectType: 'grant',
          subjectId: grant.id,
          params: paramsOf(reminder),
          href: hrefOf(grant, report),
        })
        await AuditTrail.record(trx, {
          actorId: null,
          organisationId: grant.granteeOrganisationId,
          action: 'expense_report.reminder_sent',
          subjectType: 'grant',
          subjectId: grant.id,
          after: {
            period: period.number,
            dueOn: period.reportDueOn,
            threshold: due.threshold,
            skipped: due.skip,
            report: report?.id ?? null,
            status: report?.status ?? 'missing',
            recipients: fresh.length,
          },
        })
        return fresh
      })
      if (userIds.length > 0) outbox.push({ reminder, userIds })
    }

    const notified = [...new Set(outbox.flatMap((entry) => entry.userIds))]
    const users =
      notified.length === 0
        ? []
        : await User.query().whereIn('id', notified).where('is_active', true)
    const userById = new Map(users.map((user) => [user.id, user]))
    let mailed = 0
    for (const { reminder, userIds } of outbox) {
      const kind = kindOf(reminder.due)
      const params = paramsOf(reminder)
      for (const user of userIds.map((id) => userById.get(id)).filter((u) => u !== undefined)) {
        const i18n = i18nManager.locale(user.locale ?? i18nManager.defaultLocale)
        await mail.send((message) => {
          message
            .to(user.email, user.fullName)
            .subject(i18n.t(`reports.notifications.${kind}.title`, params))
            .text(
              `${i18n.t(`reports.notifications.${kind}.body`, params)}\n\n${appUrl}${hrefOf(reminder.grant, reminder.report)}`
            )
        })
        mailed++
      }
    }
    return mailed
  }

  private thresholds() {
    return [
      ...this.schedule.daysBefore.map((days) => `before-${days}`),
      ...this.schedule.daysAfter.map((days) => `after-${days}`),
    ]
  }
}

/** The notification kind; its text is `reports.notifications.<kind>.title` and `.body`. */
function kindOf(due: DueReportReminder) {
  return due.offset > 0 ? 'report_overdue' : 'report_due'
}

function dedupeKey(grantId: number, period: number, threshold: string) {
  return `expense_report:${grantId}:period:${period}:${threshold}`
}

function paramsOf({ grant, period, days }: Reminder) {
  return {
    reference: grant.reference,
    grantee: grant.grantee.name,
    period: period.number,
    dueOn: period.reportDueOn,
    days,
  }
}

function hrefOf(grant: Grant, report: ExpenseReport | null) {
  return report ? `/expense-reports/${report.id}` : `/grants/${grant.id}#reports`
}
