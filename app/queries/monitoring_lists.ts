import { actionPointsVisibleTo, visitsVisibleTo } from '#queries/monitoring_access'
import type User from '#models/user'
import type { ActionPointStatus, VisitKind, VisitStatus } from '#domain/monitoring/monitoring'

export interface VisitFilters {
  grantId?: number
  organisationId?: number
  kind?: VisitKind
  status?: VisitStatus
}

export interface ActionPointFilters {
  grantId?: number
  organisationId?: number
  status?: ActionPointStatus
  overdue?: 'yes' | 'no'
}

/** The visits `user` may see that pass the filters, latest planned first. */
export function listVisits(user: User, filters: VisitFilters) {
  const query = visitsVisibleTo(user)
    .preload('grant')
    .preload('organisation')
    .preload('lead')
    .orderBy('planned_on', 'desc')
    .orderBy('id', 'desc')
  if (filters.grantId) query.where('grant_id', filters.grantId)
  if (filters.organisationId) query.where('organisation_id', filters.organisationId)
  if (filters.kind) query.where('kind', filters.kind)
  if (filters.status) query.where('status', filters.status)
  return query.limit(1000)
}

/** The action points `user` may see that pass the filters, earliest due first. */
export function listActionPoints(user: User, filters: ActionPointFilters, today: string) {
  const query = actionPointsVisibleTo(user)
    .preload('grant')
    .preload('ownerOrganisation')
    .preload('ownerUser')
    .orderBy('due_on')
    .orderBy('id')
  if (filters.grantId) query.where('grant_id', filters.grantId)
  if (filters.organisationId) query.where('organisation_id', filters.organisationId)
  if (filters.status) query.where('status', filters.status)
  if (filters.overdue === 'yes') query.whereNot('status', 'closed').where('due_on', '<', today)
  if (filters.overdue === 'no') {
    query.where((w) => w.where('status', 'closed').orWhere('due_on', '>=', today))
  }
  return query.limit(1000)
}
