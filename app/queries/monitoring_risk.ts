import { stoppedOn } from '#domain/licences/licence'
import { isFinding } from '#domain/monitoring/monitoring'
import { defaultRiskParameters, riskScore, type RiskScore } from '#domain/monitoring/risk'
import ActionPoint from '#models/action_point'
import Grant from '#models/grant'
import Licence from '#models/licence'
import MonitoringCheck from '#models/monitoring_check'
import MonitoringVisit from '#models/monitoring_visit'
import type User from '#models/user'
import { fundedOrganisationIds, monitorsAll } from '#queries/monitoring_access'

/** Grants that are running: the ones worth a visit. */
const runningStatuses = ['signed', 'in_implementation', 'suspended', 'implementation_ended']

/** The risk score of each grant on `today` (ADR 0031), from its licence, visits and action points. */
export async function riskOfGrants(grants: readonly Grant[], today: string) {
  const scores = new Map<number, RiskScore>()
  if (grants.length === 0) return scores
  const grantIds = grants.map((g) => g.id)
  const organisationIds = [...new Set(grants.map((g) => g.granteeOrganisationId))]
  const [licences, visits, overdue] = await Promise.all([
    Licence.query()
      .whereIn('organisation_id', organisationIds)
      .withScopes((s) => s.withFacts())
      .orderBy('valid_until', 'desc')
      .orderBy('id', 'desc'),
    MonitoringVisit.query().whereIn('grant_id', grantIds).where('status', 'reported'),
    ActionPoint.query()
      .whereIn('grant_id', grantIds)
      .whereNot('status', 'closed')
      .where('due_on', '<', today),
  ])
  const checks = visits.length
    ? await MonitoringCheck.query().whereIn(
        'visit_id',
        visits.map((v) => v.id)
      )
    : []
  const visitGrant = new Map(visits.map((v) => [v.id, v.grantId]))
  for (const grant of grants) {
    await grant.load('grantee')
    const licence = licences.find((l) => l.organisationId === grant.granteeOrganisationId) ?? null
    const own = visits.filter((v) => v.grantId === grant.id && v.visitedOn)
    const lastVisitOn =
      own
        .map((v) => v.visitedOn!.toISODate()!)
        .sort()
        .at(-1) ?? null
    scores.set(
      grant.id,
      riskScore(
        {
          funderCents: grant.funderCents,
          licence: licence
            ? {
                validUntil: licence.validUntil.toISODate()!,
                stopped: stoppedOn(licence.toFacts(), today) !== null,
              }
            : null,
          licenceExpected: grant.grantee.kind === 'ngo',
          lastVisitOn,
          pastFindings: checks.filter(
            (c) => visitGrant.get(c.visitId) === grant.id && isFinding(c.result)
          ).length,
          overdueActionPoints: overdue.filter((p) => p.grantId === grant.id).length,
        },
        today
      )
    )
  }
  return scores
}

/**
 * The visits proposed to `user`: running grants they may monitor, with no
 * visit planned yet, scoring at least the threshold, riskiest first.
 */
export async function proposedVisits(user: User, today: string) {
  const query = Grant.query().whereIn('status', runningStatuses).preload('grantee')
  if (!monitorsAll(user)) {
    const funded = fundedOrganisationIds(user)
    query.whereIn('funder_organisation_id', funded.length ? funded : [0])
  }
  query.whereNotIn('id', MonitoringVisit.query().where('status', 'planned').select('grant_id'))
  const grants = await query.orderBy('id')
  const scores = await riskOfGrants(grants, today)
  return grants
    .map((grant) => ({ grant, risk: scores.get(grant.id)! }))
    .filter(({ risk }) => risk.score >= defaultRiskParameters.proposeFrom)
    .sort((a, b) => b.risk.score - a.risk.score || a.grant.id - b.grant.id)
}
