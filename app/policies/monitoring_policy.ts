import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type { VisitKind } from '#domain/monitoring/monitoring'
import type ActionPoint from '#models/action_point'
import type Grant from '#models/grant'
import type MonitoringVisit from '#models/monitoring_visit'
import type User from '#models/user'
import { monitorsGrant, plansVisit, seesGrantMonitoring } from '#queries/monitoring_access'

/**
 * Monitoring visits and action points (ADR 0031). MLSW officials plan and
 * record inspections; the funder's grant managers plan and record spot
 * checks; the visited organisation's people answer their action points.
 */
export default class MonitoringPolicy extends BasePolicy {
  /** Seeing the monitoring tab of a grant: its monitors and its grantee's people. */
  viewGrant(user: User, grant: Grant): AuthorizerResponse {
    return seesGrantMonitoring(user, grant)
  }

  /** Planning any visit of the grant (the page offers the kinds the person may plan). */
  planAny(user: User, grant: Grant): AuthorizerResponse {
    return monitorsGrant(user, grant)
  }

  plan(user: User, grant: Grant, kind: VisitKind): AuthorizerResponse {
    return plansVisit(user, grant, kind)
  }

  record(user: User, visit: MonitoringVisit, grant: Grant): AuthorizerResponse {
    return plansVisit(user, grant, visit.kind)
  }

  /** Changing, reopening and closing an action point: the monitors of the visit's kind. */
  manage(user: User, point: ActionPoint, visit: MonitoringVisit, grant: Grant): AuthorizerResponse {
    return point.visitId === visit.id && plansVisit(user, grant, visit.kind)
  }

  /** Answering: the owner in person, or, without one, the owner organisation's applicants and grant managers. */
  answer(user: User, point: ActionPoint): AuthorizerResponse {
    if (point.ownerUserId !== null) return point.ownerUserId === user.id
    return (
      user.hasRoleIn(point.ownerOrganisationId, 'applicant') ||
      user.hasRoleIn(point.ownerOrganisationId, 'grant_manager')
    )
  }
}
