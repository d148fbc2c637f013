import db from '@adonisjs/lucid/services/db'
import type { ForecastProblem } from '#domain/grants/planned_schedule'
import { forecastProblems, forecastsLocked } from '#domain/grants/planned_schedule'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Grant from '#models/grant'
import GrantForecast from '#models/grant_forecast'
import type User from '#models/user'
import { budgetWithoutContingency, currentBudgetLines } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'

export interface ForecastInput {
  periodNumber: number
  forecastCents: number
}

export type SaveForecastsResult =
  { ok: true; forecasts: GrantForecast[] } | { ok: false; problems: ForecastProblem[] }

/**
 * The grantee's forecast of each reporting period, excluding contingency
 * (DOMAIN-RULES §4): one per period, adding up exactly to TEC − C of the
 * current budget. Until the grant is signed the grantee enters them; after
 * signature only the funder's grant manager may change them. Every save is
 * audited with the forecasts before and after.
 */
export class SaveGrantForecasts {
  async handle(
    grantId: number,
    input: readonly ForecastInput[],
    by: User,
    ip: string
  ): Promise<SaveForecastsResult> {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const byFunderManager = by.hasRoleIn(grant.funderOrganisationId, 'grant_manager')
      if (forecastsLocked(grant.status) && !byFunderManager) {
        throw new DomainConflictException('ux.conflicts.the_forecasts_are_locked_since_the_grant')
      }
      const periods = grant.periods
      const byPeriod = new Map(input.map((f) => [f.periodNumber, f.forecastCents]))
      const wrongPeriods =
        byPeriod.size !== input.length || input.some((f) => f.periodNumber > periods.length)
      if (wrongPeriods) {
        return {
          ok: false,
          problems: [{ code: 'WRONG_PERIOD_COUNT', expected: periods.length, given: input.length }],
        }
      }
      const ordered = periods
        .map((p) => byPeriod.get(p.number))
        .filter((c): c is number => c !== undefined)
      const lines = await currentBudgetLines(grant, trx)
      const problems = forecastProblems(ordered, periods.length, budgetWithoutContingency(lines))
      if (problems.length > 0) return { ok: false, problems }

      const existing = await GrantForecast.query({ client: trx })
        .where('grant_id', grant.id)
        .orderBy('period_number')
      const before = existing.map((f) => ({
        periodNumber: f.periodNumber,
        forecastCents: f.forecastCents,
      }))
      await GrantForecast.query({ client: trx }).where('grant_id', grant.id).delete()
      const forecasts = await GrantForecast.createMany(
        ordered.map((forecastCents, index) => ({
          grantId: grant.id,
          periodNumber: index + 1,
          currency: grant.currency,
          forecastCents,
          updatedById: by.id,
        })),
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'grant.forecasts_saved',
        subjectType: 'grant',
        subjectId: grant.id,
        before: { forecasts: before },
        after: {
          forecasts: ordered.map((forecastCents, index) => ({
            periodNumber: index + 1,
            forecastCents,
          })),
          grantStatus: grant.status,
          afterSignatureByFunder: forecastsLocked(grant.status),
        },
        ip,
      })
      return { ok: true, forecasts }
    })
  }
}
