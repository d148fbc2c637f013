import { isActionPointOverdue } from '#domain/monitoring/monitoring'
import type ActionPoint from '#models/action_point'
import type MonitoringVisit from '#models/monitoring_visit'

interface Translator {
  t(key: string, params?: Record<string, unknown>): string
}

const date = (value: { toISODate(): string | null } | null) => (value ? value.toISODate() : null)

/** A visit as the API shows it (checks and action points when loaded). */
export function visitJson(visit: MonitoringVisit) {
  return {
    id: visit.id,
    grantId: visit.grantId,
    grantReference: visit.$preloaded.grant ? visit.grant.reference : undefined,
    organisationId: visit.organisationId,
    kind: visit.kind,
    status: visit.status,
    plannedOn: date(visit.plannedOn),
    visitedOn: date(visit.visitedOn),
    leadUserId: visit.leadUserId,
    leadOrganisationId: visit.leadOrganisationId,
    riskScore: visit.riskScore,
    riskReasons: visit.riskReasons,
    sampleSeed: visit.sampleSeed,
    sampleSize: visit.sampleSize,
    purpose: visit.purpose,
    findings: visit.findings,
    reportedAt: visit.reportedAt?.toISO() ?? null,
    checks: visit.$preloaded.checks
      ? visit.checks.map((check) => ({
          id: check.id,
          position: check.position,
          standardCode: check.standardCode,
          expenseLineId: check.expenseLineId,
          selection: check.selection,
          admittedCents: check.admittedCents,
          currency: check.currency,
          result: check.result,
          comment: check.comment,
        }))
      : undefined,
    actionPoints: visit.$preloaded.actionPoints
      ? visit.actionPoints.map((point) => point.id)
      : undefined,
  }
}

export function actionPointJson(point: ActionPoint, today: string) {
  return {
    id: point.id,
    grantId: point.grantId,
    grantReference: point.$preloaded.grant ? point.grant.reference : undefined,
    organisationId: point.organisationId,
    visitId: point.visitId,
    checkId: point.checkId,
    title: point.title,
    description: point.description,
    ownerOrganisationId: point.ownerOrganisationId,
    ownerUserId: point.ownerUserId,
    dueOn: date(point.dueOn),
    status: point.status,
    overdue: isActionPointOverdue({ status: point.status, dueOn: date(point.dueOn)! }, today),
    closedAt: point.closedAt?.toISO() ?? null,
    closingComment: point.closingComment,
    notes: point.$preloaded.notes
      ? point.notes.map((note) => ({
          id: note.id,
          authorId: note.authorId,
          body: note.body,
          createdAt: note.createdAt.toISO(),
        }))
      : undefined,
  }
}

export function visitsCsv(visits: readonly MonitoringVisit[], i18n: Translator) {
  const header = [
    'id',
    'grant',
    'organisation',
    'kind',
    'status',
    'planned_on',
    'visited_on',
    'lead',
    'risk_score',
  ].map((column) => i18n.t(`monitoring.csv.${column}`))
  const rows = visits.map((visit) => [
    visit.id,
    visit.grant.reference,
    visit.organisation.name,
    i18n.t(`monitoring.kinds.${visit.kind}`),
    i18n.t(`monitoring.visit_statuses.${visit.status}`),
    date(visit.plannedOn),
    date(visit.visitedOn),
    visit.lead.fullName,
    visit.riskScore,
  ])
  return { header, rows }
}

export function actionPointsCsv(points: readonly ActionPoint[], i18n: Translator, today: string) {
  const header = ['id', 'grant', 'title', 'owner', 'due_on', 'status', 'overdue', 'closed_at'].map(
    (column) => i18n.t(`monitoring.csv.${column}`)
  )
  const rows = points.map((point) => [
    point.id,
    point.grant.reference,
    point.title,
    point.ownerUser
      ? `${point.ownerUser.fullName} (${point.ownerOrganisation.name})`
      : point.ownerOrganisation.name,
    date(point.dueOn),
    i18n.t(`monitoring.action_point_statuses.${point.status}`),
    isActionPointOverdue({ status: point.status, dueOn: date(point.dueOn)! }, today)
      ? i18n.t('monitoring.yes')
      : i18n.t('monitoring.no'),
    point.closedAt?.toISO() ?? null,
  ])
  return { header, rows }
}
