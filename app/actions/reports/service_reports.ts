import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ComplianceLevel, MinimumStandardCode } from '#domain/reports/minimum_standards'
import type {
  ReferralCount,
  StatisticCount,
  StatisticMeasure,
  StatisticsTables,
  StockFlowBreak,
} from '#domain/reports/statistics'
import {
  ageBands,
  origins,
  referralSources,
  sexes,
  statisticMeasures,
  statisticsTables,
  stockFlowBreak,
} from '#domain/reports/statistics'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { keyedValidationError } from '#exceptions/translated_validation'
import ComplianceAssessment from '#models/compliance_assessment'
import ExpenseReport from '#models/expense_report'
import Organisation from '#models/organisation'
import ServiceReferral from '#models/service_referral'
import ServiceStatistic from '#models/service_statistic'
import type User from '#models/user'
import {
  assertEditable,
  lockedReport,
  reportUnderVerification,
} from '#actions/reports/expense_report_support'
import { AuditTrail } from '#services/audit_trail'
import { statisticsSeries } from '#queries/statistics_series'
import { disclosureSettler } from '#services/disclosure_settler'

export interface ComplianceInput {
  standard: MinimumStandardCode
  level: ComplianceLevel
  evidence: string | null
  comment: string | null
}

export interface ComplianceReviewInput {
  standard: MinimumStandardCode
  level: ComplianceLevel
  comment: string | null
}

/**
 * The service side of an expense report: the shelter's aggregate
 * statistics (never a person), the compliance self-assessment per minimum
 * standard, and the verifier's confirmation or correction of it.
 */
export class ServiceReports {
  /**
   * Replaces the report's statistics with the full grid (every measure by
   * sex, age band and origin; combinations not given are 0) and its
   * referrals by source, while the grantee prepares or revises the report.
   *
   * The figures must follow the stock-flow identity with the reports of the
   * period before and after (`stockFlowBreak`) and, when given, the totals
   * per measure must be the sums of the cells: otherwise 422 naming the
   * field, and nothing is saved.
   */
  async saveStatistics(
    reportId: number,
    counts: readonly StatisticCount[],
    referrals: readonly ReferralCount[],
    by: User,
    ip: string,
    totals: Partial<Record<StatisticMeasure, number>> = {}
  ) {
    let grantId: number | null = null
    const saved = await db.transaction(async (trx) => {
      // The identity links a grant's reports: lock them all, in one order, so that
      // adjacent periods are never saved side by side.
      if (trx.dialect.name === 'postgres') {
        const own = await ExpenseReport.query({ client: trx }).where('id', reportId).first()
        if (own) {
          await ExpenseReport.query({ client: trx })
            .where('grant_id', own.grantId)
            .orderBy('id')
            .forUpdate()
        }
      }
      const { report, grant } = await lockedReport(trx, reportId)
      assertEditable(report)
      grantId = grant.id
      const grantee = await Organisation.findOrFail(grant.granteeOrganisationId, { client: trx })
      if (grantee.kind !== 'ngo') {
        throw new DomainConflictException(
          'ux.conflicts.only_a_shelters_report_carries_service_statistics'
        )
      }
      // Checks every count and adds up repeated combinations.
      const tables = statisticsTables(counts, referrals)
      assertMargins(tables, totals)
      const seriesByGrant = await statisticsSeries([grant.id], trx)
      const series = seriesByGrant.get(grant.id) ?? []
      const previous = series.find((r) => r.periodNumber === report.periodNumber - 1)
      const next = series.find((r) => r.periodNumber === report.periodNumber + 1)
      assertStockFlow(stockFlowBreak(previous?.tables ?? null, tables), report.periodNumber)
      if (next) assertStockFlow(stockFlowBreak(tables, next.tables), next.periodNumber)
      const before = await storedTotals(trx, report.id)

      const cube = new Map<string, number>()
      for (const c of counts) {
        const key = `${c.measure}|${c.sex}|${c.ageBand}|${c.origin}`
        cube.set(key, (cube.get(key) ?? 0) + c.count)
      }
      const bySource = new Map<string, number>()
      for (const r of referrals) bySource.set(r.source, (bySource.get(r.source) ?? 0) + r.count)

      await ServiceStatistic.query({ client: trx }).where('expense_report_id', report.id).delete()
      await ServiceReferral.query({ client: trx }).where('expense_report_id', report.id).delete()
      await ServiceStatistic.createMany(
        statisticMeasures.flatMap((measure) =>
          sexes.flatMap((sex) =>
            ageBands.flatMap((ageBand) =>
              origins.map((origin) => ({
                expenseReportId: report.id,
                measure,
                sex,
                ageBand,
                origin,
                count: cube.get(`${measure}|${sex}|${ageBand}|${origin}`) ?? 0,
              }))
            )
          )
        ),
        { client: trx }
      )
      await ServiceReferral.createMany(
        referralSources.map((source) => ({
          expenseReportId: report.id,
          source,
          count: bySource.get(source) ?? 0,
        })),
        { client: trx }
      )

      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.statistics_saved',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after: {
          totals: Object.fromEntries(
            statisticMeasures.map((m) => [m, tables.measures[m].bySexAndAgeBand.total])
          ),
          referrals: tables.referrals.total,
        },
        ip,
      })
      return tables
    })
    // What outsiders see of the new figures, computed once after the commit (ADR 0033): the
    // request does not wait; views meanwhile show the pattern cut short, which hides more.
    if (grantId !== null) await disclosureSettler.settle([grantId])
    return saved
  }

  /**
   * The grantee's self-assessment: a level (met, partly, not met), evidence
   * and a comment per standard given; the other standards stay as they are.
   * A changed level clears the verifier's earlier view of that standard.
   */
  async saveCompliance(
    reportId: number,
    entries: readonly ComplianceInput[],
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const { report, grant } = await lockedReport(trx, reportId)
      assertEditable(report)
      const existing = await assessmentsOf(trx, report.id)
      const before: Record<string, unknown> = {}
      const after: Record<string, unknown> = {}
      for (const entry of entries) {
        const row = existing.get(entry.standard)
        if (row) {
          before[entry.standard] = selfView(row)
          const levelChanged = row.selfLevel !== entry.level
          row.merge({
            selfLevel: entry.level,
            evidence: entry.evidence,
            comment: entry.comment,
            ...(levelChanged
              ? { verifierLevel: null, verifierComment: null, verifiedById: null }
              : {}),
          })
          await row.save()
          after[entry.standard] = selfView(row)
        } else {
          const created = await ComplianceAssessment.create(
            {
              expenseReportId: report.id,
              standardCode: entry.standard,
              selfLevel: entry.level,
              evidence: entry.evidence,
              comment: entry.comment,
              verifierLevel: null,
              verifierComment: null,
              verifiedById: null,
            },
            { client: trx }
          )
          after[entry.standard] = selfView(created)
        }
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.compliance_saved',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after,
        ip,
      })
      return assessmentsOf(trx, report.id)
    })
  }

  /**
   * The funder's finance officer confirms or corrects the self-assessment
   * of each standard given; a correction says why. A submitted report moves
   * under verification at this first step.
   */
  async reviewCompliance(
    reportId: number,
    entries: readonly ComplianceReviewInput[],
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const existing = await assessmentsOf(trx, report.id)
      for (const entry of entries) {
        const row = existing.get(entry.standard)
        if (!row) {
          throw new DomainConflictException('ux.conflicts.standard_not_assessed', {
            standard: entry.standard,
          })
        }
        if (entry.level !== row.selfLevel && !entry.comment) {
          throw new DomainConflictException('ux.conflicts.standard_correction_reason', {
            standard: entry.standard,
          })
        }
      }
      const before: Record<string, unknown> = {}
      const after: Record<string, unknown> = {}
      for (const entry of entries) {
        const row = existing.get(entry.standard)!
        before[entry.standard] = reviewView(row)
        row.merge({
          verifierLevel: entry.level,
          verifierComment: entry.comment,
          verifiedById: by.id,
        })
        await row.save()
        after[entry.standard] = reviewView(row)
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.compliance_reviewed',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after,
        ip,
      })
      return assessmentsOf(trx, report.id)
    })
  }
}

/** 422 naming the total of a measure that is not the sum of its cells. */
function assertMargins(
  tables: StatisticsTables,
  totals: Partial<Record<StatisticMeasure, number>>
) {
  for (const measure of statisticMeasures) {
    const given = totals[measure]
    const sum = tables.measures[measure].bySexAndAgeBand.total
    if (given !== undefined && given !== sum) {
      throw keyedValidationError([
        {
          field: `totals.${measure}`,
          rule: 'margin',
          key: 'texts.statistics.margin',
          values: {
            measure: (reader) => reader.t(`service.measures.${measure}`),
            given,
            sum,
          },
        },
      ])
    }
  }
}

/** 422 naming the residents at the end that break the stock-flow identity of a period. */
function assertStockFlow(broken: StockFlowBreak | null, periodNumber: number) {
  if (!broken) return
  const { sex, origin, expected, reported, withPrevious } = broken
  throw keyedValidationError([
    {
      field: `residents_end.${sex}.${origin}`,
      rule: 'stock_flow',
      key: withPrevious
        ? 'texts.statistics.stock_flow_with_previous'
        : 'texts.statistics.stock_flow_first',
      values: {
        period: periodNumber,
        previous: periodNumber - 1,
        sex: (reader) => reader.t(`service.sexes.${sex}`),
        origin: (reader) => reader.t(`service.origins.${origin}`),
        expected,
        reported,
      },
    },
  ])
}

async function assessmentsOf(trx: TransactionClientContract, reportId: number) {
  const rows = await ComplianceAssessment.query({ client: trx })
    .where('expense_report_id', reportId)
    .orderBy('standard_code')
  return new Map(rows.map((row) => [row.standardCode, row]))
}

/** The totals per measure and of referrals stored so far (none before the first save). */
async function storedTotals(trx: TransactionClientContract, reportId: number) {
  const statistics = await ServiceStatistic.query({ client: trx }).where(
    'expense_report_id',
    reportId
  )
  const referrals = await ServiceReferral.query({ client: trx }).where(
    'expense_report_id',
    reportId
  )
  if (statistics.length === 0 && referrals.length === 0) return null
  const totals: Partial<Record<StatisticMeasure, number>> = {}
  for (const s of statistics) {
    const measure = s.measure as StatisticMeasure
    totals[measure] = (totals[measure] ?? 0) + s.count
  }
  return { totals, referrals: referrals.reduce((sum, r) => sum + r.count, 0) }
}

function selfView(row: ComplianceAssessment) {
  return { level: row.selfLevel, evidence: row.evidence, comment: row.comment }
}

function reviewView(row: ComplianceAssessment) {
  return { self: row.selfLevel, level: row.verifierLevel, comment: row.verifierComment }
}
