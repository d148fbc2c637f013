/**
 * The life of an application through the two stages of a restricted call.
 */
export const applicationStatuses = [
  'draft',
  'submitted',
  'withdrawn',
  'not_compliant',
  'compliant',
  'shortlisted',
  'not_shortlisted',
  'full_submitted',
  'provisionally_selected',
  'reserve',
  'rejected',
  'awarded',
  'not_awarded',
] as const
export type ApplicationStatus = (typeof applicationStatuses)[number]

const next: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  draft: ['submitted'],
  submitted: ['withdrawn', 'compliant', 'not_compliant'],
  withdrawn: ['draft'],
  not_compliant: [],
  compliant: ['shortlisted', 'not_shortlisted'],
  shortlisted: ['full_submitted', 'rejected'],
  not_shortlisted: [],
  full_submitted: ['provisionally_selected', 'reserve', 'rejected'],
  provisionally_selected: ['awarded', 'not_awarded'],
  reserve: ['provisionally_selected', 'not_awarded'],
  rejected: [],
  awarded: [],
  not_awarded: [],
}

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus) {
  return next[from].includes(to)
}

/** The concept note can be edited while it is a draft. */
export function isEditableConceptNote(status: ApplicationStatus) {
  return status === 'draft'
}

/** The full application can be edited by a shortlisted applicant until submitted. */
export function isEditableFullApplication(status: ApplicationStatus) {
  return status === 'shortlisted'
}
