import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { isFinding, resultsFor } from '#domain/monitoring/monitoring'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ActionPoint from '#models/action_point'
import Grant from '#models/grant'
import Membership from '#models/membership'
import MonitoringCheck from '#models/monitoring_check'
import MonitoringVisit from '#models/monitoring_visit'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface NewActionPoint {
  title: string
  description?: string | null
  /** The visited organisation when not given. */
  ownerOrganisationId?: number | null
  ownerUserId?: number | null
  dueOn: string
  /** The check whose finding it follows (its position in the checklist). */
  checkPosition?: number | null
}

export interface VisitReport {
  visitedOn: string
  findings?: string | null
  checks: { position: number; result: string; comment?: string | null }[]
  actionPoints: NewActionPoint[]
}

/**
 * Records what a visit found: each item of the checklist checked (a
 * finding needs a comment), the findings in words, and the action points
 * with their owners and due dates. A visit is reported once.
 */
export class RecordMonitoringVisit {
  async handle(visitId: number, report: VisitReport, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const query = MonitoringVisit.query({ client: trx }).where('id', visitId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const visit = await query.firstOrFail()
      if (visit.status !== 'planned') {
        throw new DomainConflictException('monitoring.conflicts.visit_already_reported')
      }
      const grant = await Grant.findOrFail(visit.grantId, { client: trx })
      const checks = await MonitoringCheck.query({ client: trx })
        .where('visit_id', visit.id)
        .orderBy('position')
      const given = new Map(report.checks.map((c) => [c.position, c]))
      for (const check of checks) {
        const answer = given.get(check.position)
        if (!answer || !resultsFor(check).includes(answer.result)) {
          throw new DomainConflictException('monitoring.conflicts.check_needs_result', {
            item: check.position + 1,
            results: (reader) =>
              resultsFor(check)
                .map((result) => reader.t(`monitoring.results.${result}`))
                .join(', '),
          })
        }
        if (isFinding(answer.result) && !answer.comment?.trim()) {
          throw new DomainConflictException('monitoring.conflicts.finding_needs_comment', {
            item: check.position + 1,
          })
        }
      }
      const allowedOwners = [grant.granteeOrganisationId, grant.funderOrganisationId]
      for (const point of report.actionPoints) {
        const owner = point.ownerOrganisationId ?? visit.organisationId
        if (!allowedOwners.includes(owner)) {
          throw new DomainConflictException('monitoring.conflicts.owner_grantee_or_funder')
        }
        if (point.ownerUserId) {
          const member = await Membership.query({ client: trx })
            .where('user_id', point.ownerUserId)
            .where('organisation_id', owner)
            .whereNot('role', 'assessor')
            .first()
          if (!member) {
            throw new DomainConflictException('monitoring.conflicts.owner_not_member')
          }
        }
        if (point.checkPosition !== undefined && point.checkPosition !== null) {
          if (!checks.some((c) => c.position === point.checkPosition)) {
            throw new DomainConflictException('monitoring.conflicts.unknown_check')
          }
        }
      }

      for (const check of checks) {
        const answer = given.get(check.position)!
        check.merge({
          result: answer.result as MonitoringCheck['result'],
          comment: answer.comment ?? null,
        })
        check.useTransaction(trx)
        await check.save()
      }
      visit.merge({
        status: 'reported',
        visitedOn: DateTime.fromISO(report.visitedOn),
        findings: report.findings ?? null,
        reportedById: by.id,
        reportedAt: DateTime.utc(),
      })
      visit.useTransaction(trx)
      await visit.save()

      const points: ActionPoint[] = []
      for (const point of report.actionPoints) {
        const check = checks.find((c) => c.position === point.checkPosition)
        const created = await ActionPoint.create(
          {
            grantId: visit.grantId,
            organisationId: visit.organisationId,
            visitId: visit.id,
            checkId: check?.id ?? null,
            title: point.title,
            description: point.description ?? null,
            ownerOrganisationId: point.ownerOrganisationId ?? visit.organisationId,
            ownerUserId: point.ownerUserId ?? null,
            dueOn: DateTime.fromISO(point.dueOn),
            status: 'open',
            createdById: by.id,
          },
          { client: trx }
        )
        points.push(created)
        await AuditTrail.record(trx, {
          actorId: by.id,
          organisationId: visit.organisationId,
          action: 'action_point.created',
          subjectType: 'action_point',
          subjectId: created.id,
          after: {
            visit: visit.id,
            title: created.title,
            ownerOrganisation: created.ownerOrganisationId,
            ownerUser: created.ownerUserId,
            dueOn: point.dueOn,
          },
          ip,
        })
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: visit.organisationId,
        action: 'monitoring_visit.reported',
        subjectType: 'monitoring_visit',
        subjectId: visit.id,
        before: { status: 'planned' },
        after: {
          status: 'reported',
          visitedOn: report.visitedOn,
          findings: visit.findings,
          checks: checks.map((c) => ({ position: c.position, result: c.result })),
          actionPoints: points.map((p) => p.id),
        },
        ip,
      })
      return { visit, actionPoints: points }
    })
  }
}
