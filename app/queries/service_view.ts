import { costPerBedDayCents } from '#domain/reports/report_totals'
import type { MinimumStandardCode } from '#domain/reports/minimum_standards'
import { minimumStandardCodes } from '#domain/reports/minimum_standards'
import type {
  ReferralSource,
  ShownCount,
  ShownTable,
  StatisticMeasure,
  StatisticsView,
} from '#domain/reports/statistics'
import {
  ageBands,
  displayCount,
  origins,
  referralSources,
  sexes,
  statisticMeasures,
  statisticsTables,
  viewFor,
} from '#domain/reports/statistics'
import ComplianceAssessment from '#models/compliance_assessment'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import MinimumStandard from '#models/minimum_standard'
import Organisation from '#models/organisation'
import ServiceReferral from '#models/service_referral'
import ServiceStatistic from '#models/service_statistic'
import type User from '#models/user'
import { seesAllOrganisations } from '#domain/roles'
import {
  referralFieldName,
  standardFieldSuffix,
  statisticFieldName,
} from '#validators/service_report'

/** A count as shown and exported: its value or the fact that it is hidden, and its text ("<5"). */
export type DisplayedCount = ShownCount & { display: string }

function displayed(shownCount: ShownCount): DisplayedCount {
  return { ...shownCount, display: displayCount(shownCount) }
}

function displayedTable(table: ShownTable) {
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((row) => row.map(displayed)),
    rowTotals: table.rowTotals.map(displayed),
    columnTotals: table.columnTotals.map(displayed),
    total: displayed(table.total),
  }
}

/** A displayed table in the shape a page walks through: lines of keyed cells, then the totals. */
function pageTable(table: ReturnType<typeof displayedTable>) {
  return {
    columns: table.columns,
    lines: table.rows.map((key, i) => ({
      key,
      cells: table.columns.map((column, j) => ({ key: column, ...table.cells[i][j] })),
      total: table.rowTotals[i],
    })),
    columnTotals: table.columns.map((key, j) => ({ key, ...table.columnTotals[j] })),
    total: table.total,
  }
}

/** The statistics as the viewer may see them, every count with its text. */
function displayedStatistics(shown: StatisticsView) {
  return {
    measures: Object.fromEntries(
      statisticMeasures.map((measure) => [
        measure,
        {
          bySexAndAgeBand: displayedTable(shown.measures[measure].bySexAndAgeBand),
          byOriginAndSex: displayedTable(shown.measures[measure].byOriginAndSex),
        },
      ])
    ) as Record<
      StatisticMeasure,
      {
        bySexAndAgeBand: ReturnType<typeof displayedTable>
        byOriginAndSex: ReturnType<typeof displayedTable>
      }
    >,
    referrals: {
      keys: shown.referrals.keys,
      counts: shown.referrals.counts.map(displayed),
      total: displayed(shown.referrals.total),
    },
  }
}

/**
 * The service side of a report: the compliance self-assessment per
 * standard with the verifier's view, the aggregate statistics as the
 * viewer may see them (counts of 1–4 suppressed outside the reporting
 * shelter's organisation, totals treated so that none can be recovered by
 * subtraction), and the cost per occupied bed-day.
 *
 * `view` needs only the report's totals (the page and the API pass the
 * whole expense report view).
 */
export async function serviceView(
  report: ExpenseReport,
  grant: Grant,
  user: User,
  view: { totals: { total: { claimedCents: number } } }
) {
  const [assessments, statistics, referrals, standards, grantee] = await Promise.all([
    ComplianceAssessment.query().where('expense_report_id', report.id).orderBy('standard_code'),
    ServiceStatistic.query().where('expense_report_id', report.id),
    ServiceReferral.query().where('expense_report_id', report.id),
    MinimumStandard.query().orderBy('position'),
    grant.grantee ?? Organisation.findOrFail(grant.granteeOrganisationId),
  ])
  const insider = user.belongsTo(grant.granteeOrganisationId)
  const tables = statisticsTables(
    statistics.map((s) => ({
      measure: s.measure as StatisticMeasure,
      sex: s.sex,
      ageBand: s.ageBand,
      origin: s.origin,
      count: s.count,
    })),
    referrals.map((r) => ({ source: r.source as ReferralSource, count: r.count }))
  )
  const shown = displayedStatistics(viewFor(tables, { insider }))
  const bedDays = tables.measures.bed_days.bySexAndAgeBand.total
  const costCents = report.admittedCents ?? view.totals.total.claimedCents
  const hasStatistics = statistics.length > 0 || referrals.length > 0
  const costPerBedDay = hasStatistics ? costPerBedDayCents(costCents, bedDays) : null
  const json = {
    compliance: assessments.map((a) => ({
      standard: a.standardCode,
      selfLevel: a.selfLevel,
      evidence: a.evidence,
      comment: a.comment,
      verifierLevel: a.verifierLevel,
      verifierComment: a.verifierComment,
    })),
    statistics: hasStatistics ? shown : null,
    statisticsSuppressed: !insider,
    bedDays: hasStatistics ? bedDays : null,
    costPerBedDayCents: costPerBedDay,
  }

  const assessmentOf = new Map(assessments.map((a) => [a.standardCode, a]))
  const standardOf = new Map(standards.map((s) => [s.code, s]))
  const stored = new Map(
    statistics.map((s) => [
      statisticFieldName(s.measure as StatisticMeasure, s.sex, s.ageBand, s.origin),
      s.count,
    ])
  )
  const storedReferrals = new Map(referrals.map((r) => [r.source, r.count]))

  return {
    insider,
    isShelter: grantee.kind === 'ngo',
    mayEditStatistics: insider && report.isEditable,
    seesAll: seesAllOrganisations(user.memberships),
    assessments,
    tables,
    shown,
    hasStatistics,
    bedDays,
    costCents,
    costPerBedDay,
    json,
    /** Per measure, the two tables as the viewer may see them. */
    measures: statisticMeasures.map((measure) => ({
      measure,
      bySexAndAgeBand: pageTable(shown.measures[measure].bySexAndAgeBand),
      byOriginAndSex: pageTable(shown.measures[measure].byOriginAndSex),
    })),
    referralRows: shown.referrals.keys.map((source, i) => ({
      source,
      count: shown.referrals.counts[i],
    })),
    /** The statistics form, filled with the stored counts (built for insiders only). */
    form: insider
      ? {
          origins,
          measures: statisticMeasures.map((measure) => ({
            measure,
            rows: sexes.flatMap((sex) =>
              ageBands.map((ageBand) => ({
                sex,
                ageBand,
                cells: origins.map((origin) => {
                  const name = statisticFieldName(measure, sex, ageBand, origin)
                  return { origin, name, value: stored.get(name) ?? 0 }
                }),
              }))
            ),
          })),
          referrals: referralSources.map((source) => ({
            source,
            name: referralFieldName(source),
            value: storedReferrals.get(source) ?? 0,
          })),
        }
      : null,
    /** One row per standard MS-01 … MS-10, assessed or not. */
    compliance: minimumStandardCodes.map((code: MinimumStandardCode) => ({
      code,
      suffix: standardFieldSuffix(code),
      standard: standardOf.get(code) ?? null,
      assessment: assessmentOf.get(code) ?? null,
    })),
  }
}

export type ServicePage = Awaited<ReturnType<typeof serviceView>>
