/**
 * The task inbox: each piece of open work a person holds, with its object,
 * its due date and the next step. This module is pure: the queries in
 * `app/queries/task_inbox.ts` find the work; here we name it, filter it
 * and order it.
 */
/** Monitoring tasks; their words are in the `monitoring` namespace (`monitoring.inbox.*`). */
export const monitoringTaskKinds = [
  'visit_report',
  'action_point_answer',
  'action_point_review',
] as const

/** The i18n namespace of a task kind's words. */
export function taskWordsNamespace(kind: string) {
  return (monitoringTaskKinds as readonly string[]).includes(kind) ? 'monitoring.inbox' : 'inbox'
}

export const taskKinds = [
  'contract_sign',
  'application_submit',
  'full_application_submit',
  'assessment_score',
  'report_submit',
  'report_returned',
  'report_verify',
  'tranche_returned',
  'tranche_verify',
  'tranche_approve',
  'tranche_pay',
  'tranche_held',
  'recovery_due',
  'fstp_exception_decide',
  'contingency_decide',
  'addendum_decide',
  'licence_renew',
  'renewal_decide',
  'handover_flagged',
  'grant_final_report_submitted',
  'grant_suspended',
  // Monitoring visits and action points (ADR 0031)
  ...monitoringTaskKinds,
  'narrative_verify',
  'narrative_approve',
  'narrative_returned',
  'logframe_change_decide',
] as const
export type TaskKind = (typeof taskKinds)[number]

export const taskSubjects = [
  'grant',
  'application',
  'assignment',
  'expense_report',
  'payment_request',
  'recovery_order',
  'fstp_exception',
  'contingency_release',
  'budget_change',
  'licence',
  'shelter',
  // Monitoring visits and action points (ADR 0031)
  'monitoring_visit',
  'action_point',
  'narrative_report',
  'logframe_change',
] as const
export type TaskSubject = (typeof taskSubjects)[number]

export interface Task {
  kind: TaskKind
  /** The role in which the person holds the task, and where. */
  role: string
  organisationId: number
  organisationName: string
  subjectType: TaskSubject
  subjectId: number
  /** The object in a few words: a reference, a number, a name. */
  label: string
  /** Calendar date (YYYY-MM-DD, Kosovo) by which the step is due, if any. */
  dueOn: string | null
  /** Values the task's sentence needs (dates, periods, held reasons). */
  params: Record<string, string | number>
  /** Where the next step is taken. */
  href: string
}

export interface TaskFilters {
  kind?: TaskKind
  /** Only tasks due on or before this date. */
  dueBy?: string
  overdue?: boolean
}

/** A task is overdue from the day after its due date. */
export function isOverdue(task: Pick<Task, 'dueOn'>, today: string) {
  return task.dueOn !== null && task.dueOn < today
}

/**
 * The tasks that pass the filters, overdue first, then by due date (tasks
 * without a date last), then by kind and object so the order is stable.
 * The same object reached through two roles is one task.
 */
export function arrangeTasks(tasks: readonly Task[], filters: TaskFilters, today: string): Task[] {
  const seen = new Set<string>()
  const kept = tasks.filter((task) => {
    const key = `${task.kind}:${task.subjectType}:${task.subjectId}`
    if (seen.has(key)) return false
    seen.add(key)
    if (filters.kind && task.kind !== filters.kind) return false
    if (filters.dueBy && (task.dueOn === null || task.dueOn > filters.dueBy)) return false
    if (filters.overdue !== undefined && isOverdue(task, today) !== filters.overdue) return false
    return true
  })
  return kept.sort(
    (a, b) =>
      Number(isOverdue(b, today)) - Number(isOverdue(a, today)) ||
      (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
      taskKinds.indexOf(a.kind) - taskKinds.indexOf(b.kind) ||
      a.subjectId - b.subjectId
  )
}

/** Tasks counted per kind, in the order of `taskKinds`. */
export function countByKind(tasks: readonly Task[]) {
  const counts = new Map<TaskKind, number>()
  for (const task of tasks) counts.set(task.kind, (counts.get(task.kind) ?? 0) + 1)
  return taskKinds
    .filter((kind) => counts.has(kind))
    .map((kind) => ({ kind, count: counts.get(kind)! }))
}

/** A held reason as stored ("licence_valid:EXPIRED 2026-12-02, no_outstanding_recovery"), in parts. */
export function heldReasonParts(reason: string) {
  return reason
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.indexOf(':')
      if (colon === -1) return { condition: part, code: null, date: null }
      const [code, date] = part
        .slice(colon + 1)
        .trim()
        .split(/\s+/)
      return {
        condition: part.slice(0, colon),
        code: code ?? null,
        date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
      }
    })
}

/**
 * Whether an assessor's assignment is still live: the application is still
 * in the stage the assignment scores (not withdrawn, not ruled non-compliant,
 * not decided), and the call is not awarded or closed.
 */
export function isLiveAssignment(
  stage: 'concept_note' | 'full_application',
  applicationStatus: string,
  callStatus: string
) {
  if (['awarded', 'closed'].includes(callStatus)) return false
  return stage === 'concept_note'
    ? ['submitted', 'compliant'].includes(applicationStatus)
    : applicationStatus === 'full_submitted'
}

/** Application statuses in which an assignment of `stage` is live (for SQL). */
export function liveApplicationStatuses(stage: 'concept_note' | 'full_application') {
  return stage === 'concept_note' ? ['submitted', 'compliant'] : ['full_submitted']
}

export const closedCallStatuses = ['awarded', 'closed'] as const
