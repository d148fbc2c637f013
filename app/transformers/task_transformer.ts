import { DateTime } from 'luxon'
import { heldReasonParts, isOverdue, taskWordsNamespace, type Task } from '#domain/tasks'

interface Translator {
  locale: string
  t(key: string, params?: Record<string, unknown>): string
}

/** A calendar date in words in the reader's language ("3 Dec 2026"). */
export function dateInWords(date: string, i18n: Translator) {
  return DateTime.fromISO(date, { locale: i18n.locale }).toLocaleString(DateTime.DATE_MED)
}

/**
 * Why a tranche is held, in words: each condition not met with its reason
 * ("Shelter licence valid …: The licence expired before 2 Dec 2026."),
 * never the stored codes.
 */
export function heldReasonInWords(reason: string, i18n: Translator) {
  return heldReasonParts(reason)
    .map(({ condition, code, date }) => {
      const name = i18n.t(`messages.conditions.${condition}`)
      if (!code) return name
      const why = i18n.t(`messages.licences.reasons.${code}`, {
        date: date ? dateInWords(date, i18n) : '',
      })
      return `${name}: ${why}`
    })
    .join('; ')
}

/** What to do, in one sentence in the reader's language. */
export function taskSentence(task: Task, i18n: Translator) {
  const params: Record<string, unknown> = { ...task.params }
  if (typeof task.params.reason === 'string') {
    params.reason = heldReasonInWords(task.params.reason, i18n)
  }
  if (typeof task.params.stage === 'string') {
    params.stage = i18n.t(`inbox.stages.${task.params.stage}`)
  }
  if (task.kind === 'contract_sign') {
    return i18n.t(`inbox.kinds.contract_sign_${task.params.subGrant ? 'sub_grant' : 'grant'}`)
  }
  return i18n.t(`${taskWordsNamespace(task.kind)}.sentences.${task.kind}`, params)
}

/** The task as the page, the CSV and the API show it: words, not codes. */
export function taskJson(task: Task, i18n: Translator, today: string) {
  return {
    kind: task.kind,
    kindLabel: i18n.t(`${taskWordsNamespace(task.kind)}.kinds.${task.kind}`),
    task: taskSentence(task, i18n),
    subject: { type: task.subjectType, id: task.subjectId, label: task.label },
    role: task.role,
    roleLabel: i18n.t(`messages.roles.${task.role}`),
    organisation: { id: task.organisationId, name: task.organisationName },
    dueOn: task.dueOn,
    dueOnText: task.dueOn ? dateInWords(task.dueOn, i18n) : null,
    overdue: isOverdue(task, today),
    href: task.href,
  }
}

export type TaskJson = ReturnType<typeof taskJson>

/** The CSV columns of the inbox export. */
export function taskCsv(tasks: readonly TaskJson[], i18n: Translator) {
  const header = ['kind', 'task', 'object', 'role', 'organisation', 'due', 'overdue', 'link'].map(
    (column) => i18n.t(`inbox.csv.${column}`)
  )
  const rows = tasks.map((task) => [
    task.kindLabel,
    task.task,
    task.subject.label,
    task.roleLabel,
    task.organisation.name,
    task.dueOn,
    task.overdue ? i18n.t('inbox.yes') : i18n.t('inbox.no'),
    task.href,
  ])
  return { header, rows }
}
