/**
 * Monitoring visits and action points (ADR 0031): the words and the small
 * state tables. Pure: no framework, no database.
 */
import { minimumStandardCodes } from '#domain/reports/minimum_standards'

/** An MLSW inspection against the minimum standards, or a funder's financial spot check. */
export const visitKinds = ['inspection', 'spot_check'] as const
export type VisitKind = (typeof visitKinds)[number]

export const visitStatuses = ['planned', 'reported'] as const
export type VisitStatus = (typeof visitStatuses)[number]

/** Results of a standard (inspection) and of a sampled expense line (spot check). */
export const standardResults = ['met', 'partly', 'not_met'] as const
export const lineResults = ['ok', 'finding'] as const
export type CheckResult = (typeof standardResults)[number] | (typeof lineResults)[number]

export const actionPointStatuses = ['open', 'answered', 'closed'] as const
export type ActionPointStatus = (typeof actionPointStatuses)[number]

/** The standards an inspection checks, in catalogue order. */
export const inspectionStandards = minimumStandardCodes

/** Whether a check's result is a finding (something to put right). */
export function isFinding(result: string | null) {
  return result === 'partly' || result === 'not_met' || result === 'finding'
}

/** The results a check of this kind accepts. */
export function resultsFor(check: { standardCode: string | null }): readonly string[] {
  return check.standardCode ? standardResults : lineResults
}

const nextStatus: Record<ActionPointStatus, readonly ActionPointStatus[]> = {
  open: ['answered', 'closed'],
  answered: ['open', 'answered', 'closed'],
  closed: [],
}

export function canMoveActionPoint(from: ActionPointStatus, to: ActionPointStatus) {
  return nextStatus[from].includes(to)
}

/** An action point is overdue from the day after its due date while not closed. */
export function isActionPointOverdue(
  point: { status: ActionPointStatus; dueOn: string },
  today: string
) {
  return point.status !== 'closed' && point.dueOn < today
}

/** A visit is to be reported from its planned date on; its report is due this many days later. */
export const visitReportDays = 14
