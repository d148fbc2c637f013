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
  origins,
  referralSources,
  sexes,
  statisticMeasures,
  statisticsTables,
} from '#domain/reports/statistics'
import {
  discloseReport,
  discloseSeries,
  displayCount,
  isHidden,
  primaryMarkFor,
  viewerOf,
} from '#domain/reports/disclosure'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { disclosureSettler } from '#services/disclosure_settler'
import { disclosurePatterns } from '#services/disclosure_patterns'
import { statisticsSeries } from '#queries/statistics_series'
import { AuditTrail } from '#services/audit_trail'
import ComplianceAssessment from '#models/compliance_assessment'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
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
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'

/** A count as shown and exported: its value or the fact that it is hidden, and its text ("<5", "x"). */
export type DisplayedCount = ({ value: number } | { suppressed: true }) & { display: string }

function displayed(shownCount: ShownCount): DisplayedCount {
  return isHidden(shownCount)
    ? { suppressed: true, display: displayCount(shownCount) }
    : { value: shownCount.value, display: displayCount(shownCount) }
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
 * whole expense report view). Every view of raw (unsuppressed) counts is
 * recorded in the audit trail as an access (`expense_report.statistics_viewed`,
 * with the outlet: page, api, csv, pdf).
 */
export async function serviceView(
  report: ExpenseReport,
  grant: Grant,
  user: User,
  view: { totals: { total: { claimedCents: number } } },
  access: { ip: string; outlet: 'page' | 'api' | 'csv' | 'pdf' }
) {
  const [assessments, statistics, referrals, standards, grantee, series, minimum] =
    await Promise.all([
      ComplianceAssessment.query().where('expense_report_id', report.id).orderBy('standard_code'),
      ServiceStatistic.query().where('expense_report_id', report.id),
      ServiceReferral.query().where('expense_report_id', report.id),
      /* The version in force when the report's period began (ADR 0027). */
      new MinimumStandardCatalogue().forReport(report, grant),
      grant.grantee ?? Organisation.findOrFail(grant.granteeOrganisationId),
      statisticsSeries([grant.id]),
      publicationMinimumToday(),
    ])
  const viewer = viewerOf(user.memberships, grant.granteeOrganisationId)
  const insider = viewer.insider
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
  // The report as part of its grant's series (the least suppression of all its reports together).
  const members = series.get(grant.id) ?? []
  // The pattern stored when the statistics were saved (ADR 0025); a view never solves without bound.
  const views = await discloseSeries(
    members.map((member) => member.tables),
    viewer,
    {
      minimum,
      store: disclosurePatterns,
      // Nothing stored for this data and minimum: shown cut short, settled for the next view.
      unsettled: () => disclosureSettler.settleLater([grant.id]),
    }
  )
  const position = members.findIndex((member) => member.reportId === report.id)
  const disclosed = position >= 0 ? views[position] : discloseReport(tables, viewer, false, minimum)
  const shown = displayedStatistics(disclosed)
  const bedDays = tables.measures.bed_days.bySexAndAgeBand.total
  const costCents = report.admittedCents ?? view.totals.total.claimedCents
  const hasStatistics = statistics.length > 0 || referrals.length > 0
  const costPerBedDay = hasStatistics ? costPerBedDayCents(costCents, bedDays) : null
  /** Whether the viewer sees any count hidden ("<5" or "x"). */
  const anyHidden =
    statisticMeasures.some((m) =>
      [disclosed.measures[m].bySexAndAgeBand, disclosed.measures[m].byOriginAndSex].some((t) =>
        [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total].some(isHidden)
      )
    ) || [...disclosed.referrals.counts, disclosed.referrals.total].some(isHidden)
  if (insider && hasStatistics) {
    await AuditTrail.recordNow({
      actorId: user.id,
      organisationId: grant.granteeOrganisationId,
      action: 'expense_report.statistics_viewed',
      subjectType: 'expense_report',
      subjectId: report.id,
      after: { outlet: access.outlet },
      ip: access.ip,
    })
  }
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
    /** The mark of a count from 1 to the publication minimum − 1 ("<5"). */
    primaryMark: primaryMarkFor(minimum),
    /** Whether the viewer sees raw counts of this report (an access to be logged). */
    seesRawStatistics: insider && hasStatistics,
    anyHidden,
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
