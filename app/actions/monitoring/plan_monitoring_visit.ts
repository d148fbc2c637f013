import { randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { inspectionStandards, type VisitKind } from '#domain/monitoring/monitoring'
import { drawSample } from '#domain/monitoring/sample'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseLine from '#models/expense_line'
import Grant from '#models/grant'
import MonitoringCheck from '#models/monitoring_check'
import MonitoringVisit from '#models/monitoring_visit'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { leadOrganisationFor } from '#queries/monitoring_access'
import { riskOfGrants } from '#queries/monitoring_risk'

export interface VisitPlan {
  kind: VisitKind
  plannedOn: string
  purpose?: string | null
  /** Spot checks: the sample's seed (drawn at random when not given) and sizes. */
  seed?: number | null
  largest?: number
  random?: number
}

/**
 * Plans a visit of a grant: records its risk score and reasons on the day,
 * and its checklist: the minimum standards for an inspection, or the
 * reproducible sample of the grant's admitted expense lines for a spot check.
 */
export class PlanMonitoringVisit {
  async handle(grantId: number, plan: VisitPlan, by: User, ip: string) {
    const today = todayInKosovo()
    const scores = await riskOfGrants([await Grant.findOrFail(grantId)], today)
    const risk = scores.get(grantId)!
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const visit = new MonitoringVisit().merge({
        grantId: grant.id,
        organisationId: grant.granteeOrganisationId,
        kind: plan.kind,
        status: 'planned',
        plannedOn: DateTime.fromISO(plan.plannedOn),
        visitedOn: null,
        leadUserId: by.id,
        leadOrganisationId: leadOrganisationFor(by, grant, plan.kind),
        riskScore: risk.score,
        riskReasons: risk.reasons,
        purpose: plan.purpose ?? null,
        createdById: by.id,
      })
      let checks: Partial<MonitoringCheck>[]
      if (plan.kind === 'inspection') {
        checks = inspectionStandards.map((code) => ({ standardCode: code }))
      } else {
        const seed = plan.seed ?? randomInt(1, 2_147_483_647)
        const lines = await ExpenseLine.query({ client: trx })
          .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
          .where('expense_reports.grant_id', grant.id)
          .where('expense_lines.admitted_cents', '>', 0)
          .select('expense_lines.*')
        const sample = drawSample(
          lines.map((l) => ({ id: l.id, admittedCents: Number(l.admittedCents) })),
          seed,
          { largest: plan.largest ?? 3, random: plan.random ?? 2 }
        )
        if (sample.length === 0) {
          throw new DomainConflictException('monitoring.conflicts.nothing_to_sample')
        }
        const byId = new Map(lines.map((l) => [l.id, l]))
        visit.sampleSeed = seed
        visit.sampleSize = sample.length
        checks = sample.map((s) => ({
          expenseLineId: s.id,
          selection: s.selection,
          admittedCents: Number(byId.get(s.id)!.admittedCents),
          currency: grant.currency,
        }))
      }
      visit.useTransaction(trx)
      await visit.save()
      await MonitoringCheck.createMany(
        checks.map((c, position) => ({ ...c, visitId: visit.id, position })),
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'monitoring_visit.planned',
        subjectType: 'monitoring_visit',
        subjectId: visit.id,
        after: {
          grant: grant.id,
          kind: visit.kind,
          plannedOn: plan.plannedOn,
          riskScore: risk.score,
          riskReasons: risk.reasons.map((r) => r.code),
          sampleSeed: visit.sampleSeed ?? null,
          sampledLines: checks.map((c) => c.expenseLineId).filter((id) => id),
        },
        ip,
      })
      return visit
    })
  }
}
