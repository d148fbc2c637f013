import type { DateTime } from 'luxon'
import { discloseAuditPayload, viewerOf } from '#domain/reports/disclosure'
import { readsPaymentRequests, seesAllOrganisations } from '#domain/roles'
import ActionPoint from '#models/action_point'
import AuditEvent from '#models/audit_event'
import BudgetChange from '#models/budget_change'
import ContingencyRelease from '#models/contingency_release'
import ExpenseReport from '#models/expense_report'
import NarrativeReport from '#models/narrative_report'
import FstpException from '#models/fstp_exception'
import Grant from '#models/grant'
import MonitoringVisit from '#models/monitoring_visit'
import PaymentRequest from '#models/payment_request'
import RecoveryOrder from '#models/recovery_order'
import type User from '#models/user'
import { seesGrantMonitoring } from '#queries/monitoring_access'

export type HistorySubject = 'grant' | 'application' | 'expense_report' | 'licence'

export interface HistoryEntry {
  id: number
  action: string
  at: DateTime
  actorName: string | null
  /** A reason or comment the event recorded, after disclosure control. */
  reason: string | null
}

/** Most events shown on one page: a long-running grant has a few hundred. */
const limit = 500

/**
 * The audit trail of one object, oldest first, as the viewer may see it.
 * The caller has already checked that the viewer may see the object;
 * `ownerId` is the organisation whose shelter or grant it is. A grant's
 * history takes in its payment requests, reports, recovery orders, budget
 * changes, contingency releases, FSTP exceptions, narrative reports, and
 * (for those who see them) monitoring visits and action points. Payloads go through
 * `discloseAuditPayload` (statistics and addresses are never shown to
 * outsiders); only a reason or comment is kept from them. Who assessed an
 * application is shown to programme staff only.
 */
export async function subjectHistory(
  user: User,
  subject: { type: HistorySubject; id: number },
  ownerId: number
): Promise<HistoryEntry[]> {
  const memberships = await user.loadMemberships()
  const grant = subject.type === 'grant' ? await Grant.find(subject.id) : null
  const subjects = await subjectsOf(subject, {
    withPaymentRequests: readsPaymentRequests(memberships),
    withMonitoring: grant !== null && seesGrantMonitoring(user, grant),
  })
  const viewer = viewerOf(memberships, ownerId)
  const query = AuditEvent.query()
    .where((q) => {
      for (const [type, ids] of subjects) {
        if (ids.length > 0) {
          q.orWhere((s) => s.where('subject_type', type).whereIn('subject_id', ids.map(String)))
        }
      }
    })
    .whereNot('action', 'like', '%.viewed')
    .preload('actor')
    .orderBy('id')
    .limit(limit)
  if (!seesAllOrganisations(memberships)) {
    query.whereNot('action', 'like', 'assessor.%').whereNot('action', 'like', 'assessment.%')
  }
  const events = await query
  return events.map((event) => ({
    id: event.id,
    action: event.action,
    at: event.createdAt,
    actorName: event.actor?.fullName ?? null,
    reason: reasonOf(event.action, event.afterJson, viewer),
  }))
}

/** The subjects whose events make up the history: the object, and a grant's parts. */
async function subjectsOf(
  subject: { type: HistorySubject; id: number },
  parts: { withPaymentRequests: boolean; withMonitoring: boolean }
) {
  const subjects: [string, number[]][] = [[subject.type, [subject.id]]]
  if (subject.type !== 'grant') return subjects
  const ids = async (query: Promise<{ id: number }[]>) => {
    const rows = await query
    return rows.map((row) => row.id)
  }
  const grantId = subject.id
  subjects.push(
    [
      'payment_request',
      // Payment requests carry bank accounts: only those who read them see their steps.
      parts.withPaymentRequests
        ? await ids(PaymentRequest.query().where('grant_id', grantId).select('id'))
        : [],
    ],
    ['expense_report', await ids(ExpenseReport.query().where('grant_id', grantId).select('id'))],
    ['recovery_order', await ids(RecoveryOrder.query().where('grant_id', grantId).select('id'))],
    ['budget_change', await ids(BudgetChange.query().where('grant_id', grantId).select('id'))],
    [
      'contingency_release',
      await ids(ContingencyRelease.query().where('grant_id', grantId).select('id')),
    ],
    [
      'fstp_exception',
      await ids(FstpException.query().where('parent_grant_id', grantId).select('id')),
    ],
    [
      'narrative_report',
      await ids(NarrativeReport.query().where('grant_id', grantId).select('id')),
    ],
    // Monitoring visits and action points: for those who see the grant's monitoring (ADR 0031).
    [
      'monitoring_visit',
      parts.withMonitoring
        ? await ids(MonitoringVisit.query().where('grant_id', grantId).select('id'))
        : [],
    ],
    [
      'action_point',
      parts.withMonitoring
        ? await ids(ActionPoint.query().where('grant_id', grantId).select('id'))
        : [],
    ]
  )
  return subjects
}

const reasonKeys = ['reason', 'statusReason', 'comment', 'returnComment', 'decisionComment']

/**
 * Events whose reason is not shown: a code rather than a person's words
 * (the action says it all), or text that sits among service statistics.
 */
const noReason = new Set([
  'assessor.assignment_refused',
  'payment_request.held',
  'expense_report.statistics_saved',
])

function reasonOf(action: string, json: string | null, viewer: { insider: boolean }) {
  if (!json || noReason.has(action)) return null
  let payload: unknown
  try {
    payload = JSON.parse(json)
  } catch {
    return null
  }
  const shown = discloseAuditPayload(action, payload, viewer)
  if (!shown || typeof shown !== 'object' || Array.isArray(shown)) return null
  for (const key of reasonKeys) {
    const value = (shown as Record<string, unknown>)[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 500)
  }
  return null
}
