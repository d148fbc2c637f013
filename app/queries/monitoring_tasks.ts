import { addDays } from '#domain/licences/licence'
import { visitReportDays } from '#domain/monitoring/monitoring'
import type { Task } from '#domain/tasks'
import ActionPoint from '#models/action_point'
import MonitoringVisit from '#models/monitoring_visit'
import type User from '#models/user'

/**
 * Monitoring work in the task inbox (ADR 0031): the visit lead reports a
 * planned visit (due two weeks after its planned date) and reviews answered
 * action points; the owner answers open action points by their due date.
 */
export async function monitoringTasks(user: User): Promise<Task[]> {
  const memberships = await user.loadMemberships()
  const nameOf = new Map(memberships.map((m) => [m.organisationId, m.organisation?.name ?? '']))
  const answering = memberships.filter((m) => ['applicant', 'grant_manager'].includes(m.role))
  const answeringOrgs = [...new Set(answering.map((m) => m.organisationId))]

  const [visits, reviews, owned] = await Promise.all([
    MonitoringVisit.query()
      .where('lead_user_id', user.id)
      .where('status', 'planned')
      .preload('grant'),
    ActionPoint.query()
      .where('status', 'answered')
      .whereIn('visit_id', MonitoringVisit.query().where('lead_user_id', user.id).select('id'))
      .preload('grant'),
    ActionPoint.query()
      .where('status', 'open')
      .where((w) =>
        w
          .where('owner_user_id', user.id)
          .orWhere((o) =>
            o
              .whereNull('owner_user_id')
              .whereIn('owner_organisation_id', answeringOrgs.length ? answeringOrgs : [0])
          )
      )
      .preload('grant'),
  ])
  const leadOf = new Map<number, MonitoringVisit>()
  if (reviews.length) {
    const led = await MonitoringVisit.query().whereIn(
      'id',
      reviews.map((p) => p.visitId)
    )
    for (const visit of led) leadOf.set(visit.id, visit)
  }
  const leadRole = (kind: string) => (kind === 'inspection' ? 'mlsw_official' : 'grant_manager')

  return [
    ...visits.map((visit) => ({
      kind: 'visit_report' as const,
      role: leadRole(visit.kind),
      organisationId: visit.leadOrganisationId,
      organisationName: nameOf.get(visit.leadOrganisationId) ?? '',
      subjectType: 'monitoring_visit' as const,
      subjectId: visit.id,
      label: visit.grant.reference,
      dueOn: addDays(visit.plannedOn.toISODate()!, visitReportDays),
      params: { reference: visit.grant.reference, plannedOn: visit.plannedOn.toISODate()! },
      href: `/monitoring-visits/${visit.id}`,
    })),
    ...reviews.map((point) => {
      const visit = leadOf.get(point.visitId)!
      return {
        kind: 'action_point_review' as const,
        role: leadRole(visit.kind),
        organisationId: visit.leadOrganisationId,
        organisationName: nameOf.get(visit.leadOrganisationId) ?? '',
        subjectType: 'action_point' as const,
        subjectId: point.id,
        label: `${point.grant.reference} · ${point.title}`,
        dueOn: null,
        params: { title: point.title, reference: point.grant.reference },
        href: `/action-points/${point.id}`,
      }
    }),
    ...owned.map((point) => {
      const membership =
        answering.find((m) => m.organisationId === point.ownerOrganisationId) ??
        memberships.find((m) => m.organisationId === point.ownerOrganisationId)
      return {
        kind: 'action_point_answer' as const,
        role: membership?.role ?? 'applicant',
        organisationId: point.ownerOrganisationId,
        organisationName: nameOf.get(point.ownerOrganisationId) ?? '',
        subjectType: 'action_point' as const,
        subjectId: point.id,
        label: `${point.grant.reference} · ${point.title}`,
        dueOn: point.dueOn.toISODate()!,
        params: { title: point.title, reference: point.grant.reference },
        href: `/action-points/${point.id}`,
      }
    }),
  ]
}
