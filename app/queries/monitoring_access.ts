import type { VisitKind } from '#domain/monitoring/monitoring'
import ActionPoint from '#models/action_point'
import Grant from '#models/grant'
import MonitoringVisit from '#models/monitoring_visit'
import type User from '#models/user'

/**
 * Who sees monitoring (ADR 0031): MLSW officials (they inspect every
 * licensed service), the grant managers of a grant's funder (the EU Office
 * for its grants, the lead grantee for its sub-grants), and the people of
 * the organisation visited (any role but assessor). Nobody else.
 */
export function monitorsAll(user: User) {
  return user.memberships.some((m) => m.role === 'mlsw_official')
}

export function fundedOrganisationIds(user: User) {
  return user.memberships.filter((m) => m.role === 'grant_manager').map((m) => m.organisationId)
}

export function ownOrganisationIds(user: User) {
  return user.memberships.filter((m) => m.role !== 'assessor').map((m) => m.organisationId)
}

/** Whether `user` may plan and record a visit of `kind` of `grant`. */
export function plansVisit(
  user: User,
  grant: Pick<Grant, 'funderOrganisationId'>,
  kind: VisitKind
) {
  return kind === 'inspection'
    ? monitorsAll(user)
    : user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
}

/** Whether `user` sees the monitoring of `grant`: its monitors and its grantee's people. */
export function seesGrantMonitoring(
  user: User,
  grant: Pick<Grant, 'funderOrganisationId' | 'granteeOrganisationId'>
) {
  return (
    monitorsGrant(user, grant) || ownOrganisationIds(user).includes(grant.granteeOrganisationId)
  )
}

/** Whether `user` monitors `grant` in any kind of visit. */
export function monitorsGrant(user: User, grant: Pick<Grant, 'funderOrganisationId'>) {
  return monitorsAll(user) || user.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
}

/** The organisation in whose name `user` leads a visit of `kind`. */
export function leadOrganisationFor(user: User, grant: Grant, kind: VisitKind) {
  if (kind === 'spot_check') return grant.funderOrganisationId
  return user.memberships.find((m) => m.role === 'mlsw_official')!.organisationId
}

/** Narrows a query of `table` (visits or action points) to what `user` may see. */
function restrict(user: User, table: string) {
  return (query: { where: (cb: (w: any) => void) => unknown }) => {
    if (monitorsAll(user)) return
    const funded = fundedOrganisationIds(user)
    const own = ownOrganisationIds(user)
    query.where((w) => {
      w.whereIn(`${table}.organisation_id`, own.length ? own : [0]).orWhereIn(
        `${table}.grant_id`,
        Grant.query()
          .whereIn('funder_organisation_id', funded.length ? funded : [0])
          .select('id')
      )
      // An action point owned by the funder is seen by the funder's people who must act on it.
      if (table === 'action_points') {
        w.orWhereIn('action_points.owner_organisation_id', own.length ? own : [0])
      }
    })
  }
}

export function visitsVisibleTo(user: User) {
  const query = MonitoringVisit.query()
  restrict(user, 'monitoring_visits')(query)
  return query
}

export function actionPointsVisibleTo(user: User) {
  const query = ActionPoint.query()
  restrict(user, 'action_points')(query)
  return query
}

/** A visit `user` may see, with its grant, or a 404. */
export async function visibleVisit(user: User, id: unknown) {
  const visit = await visitsVisibleTo(user)
    .where('id', Number(id) || 0)
    .firstOrFail()
  const grant = await Grant.findOrFail(visit.grantId)
  return { visit, grant }
}

/** An action point `user` may see, with its visit and grant, or a 404. */
export async function visibleActionPoint(user: User, id: unknown) {
  const point = await actionPointsVisibleTo(user)
    .where('id', Number(id) || 0)
    .firstOrFail()
  const visit = await MonitoringVisit.findOrFail(point.visitId)
  const grant = await Grant.findOrFail(point.grantId)
  return { point, visit, grant }
}
