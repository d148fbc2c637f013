/**
 * The life of a restricted call (DOMAIN.md §2.1, §10.2). The call moves
 * forward only; each move is a decision recorded in the audit trail.
 */
export const callStatuses = [
  'draft',
  'published',
  'concept_notes_closed',
  'shortlisted',
  'full_applications_closed',
  'evaluated',
  'awarded',
  'closed',
] as const
export type CallStatus = (typeof callStatuses)[number]

const next: Record<CallStatus, readonly CallStatus[]> = {
  draft: ['published'],
  published: ['concept_notes_closed'],
  concept_notes_closed: ['shortlisted'],
  shortlisted: ['full_applications_closed'],
  full_applications_closed: ['evaluated'],
  evaluated: ['awarded'],
  awarded: ['closed'],
  closed: [],
}

/**
 * An open call (small sub-granting calls) has one stage: applicants send a
 * full application directly, so it goes from published to the close of
 * full applications.
 */
const nextInOpenCall: Partial<Record<CallStatus, readonly CallStatus[]>> = {
  published: ['full_applications_closed'],
}

export type Procedure = 'restricted' | 'open'

export function canMoveCall(from: CallStatus, to: CallStatus, procedure: Procedure = 'restricted') {
  const moves = procedure === 'open' ? (nextInOpenCall[from] ?? next[from]) : next[from]
  return moves.includes(to)
}

/** The deadline by which applicants submit: the concept note's, or the only one of an open call. */
export function submissionDeadline(call: {
  procedure: Procedure
  conceptDeadlineAt: string
  fullDeadlineAt: string | null
}) {
  return call.procedure === 'open'
    ? (call.fullDeadlineAt ?? call.conceptDeadlineAt)
    : call.conceptDeadlineAt
}

export type PublicationCheck =
  | { ok: true }
  | {
      ok: false
      reason: 'concept_deadline_too_soon' | 'full_deadline_too_soon' | 'full_deadline_missing'
      minimum: string
    }

/**
 * A call can be published only if its deadlines leave applicants the
 * minimum time: N days to the concept-note deadline from publication, and
 * M days from the concept-note deadline (the invitations) to the full one.
 * Instants are ISO strings; the comparison is in days of 24 hours.
 */
export function checkPublication(
  publishAt: string,
  conceptDeadline: string,
  fullDeadline: string | null,
  minDaysToConcept: number,
  minDaysToFull: number
): PublicationCheck {
  const day = 24 * 60 * 60 * 1000
  const earliestConcept = new Date(Date.parse(publishAt) + minDaysToConcept * day)
  if (Date.parse(conceptDeadline) < earliestConcept.getTime()) {
    return {
      ok: false,
      reason: 'concept_deadline_too_soon',
      minimum: earliestConcept.toISOString(),
    }
  }
  if (!fullDeadline) return { ok: false, reason: 'full_deadline_missing', minimum: conceptDeadline }
  const earliestFull = new Date(Date.parse(conceptDeadline) + minDaysToFull * day)
  if (Date.parse(fullDeadline) < earliestFull.getTime()) {
    return { ok: false, reason: 'full_deadline_too_soon', minimum: earliestFull.toISOString() }
  }
  return { ok: true }
}

/** Submissions close exactly at the deadline: at the deadline instant it is already closed. */
export function isBeforeDeadline(deadline: string, now: string) {
  return Date.parse(now) < Date.parse(deadline)
}
