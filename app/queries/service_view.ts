import { costPerBedDayCents } from '#domain/reports/report_totals'
import type { ReferralSource, StatisticMeasure } from '#domain/reports/statistics'
import { statisticsTables, viewFor } from '#domain/reports/statistics'
import ComplianceAssessment from '#models/compliance_assessment'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import ServiceReferral from '#models/service_referral'
import ServiceStatistic from '#models/service_statistic'
import type User from '#models/user'
import { seesAllOrganisations } from '#domain/roles'
import type { expenseReportView } from '#queries/expense_report_view'

/**
 * The service side of a report: the compliance self-assessment per
 * standard with the verifier's view, the aggregate statistics as the
 * viewer may see them (counts of 1–4 suppressed outside the reporting
 * shelter's organisation), and the cost per occupied bed-day.
 */
export async function serviceView(
  report: ExpenseReport,
  grant: Grant,
  user: User,
  view: Awaited<ReturnType<typeof expenseReportView>>
) {
  const [assessments, statistics, referrals] = await Promise.all([
    ComplianceAssessment.query().where('expense_report_id', report.id).orderBy('standard_code'),
    ServiceStatistic.query().where('expense_report_id', report.id),
    ServiceReferral.query().where('expense_report_id', report.id),
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
  const shown = viewFor(tables, { insider })
  const bedDays = tables.measures.bed_days.bySexAndAgeBand.total
  const costCents = report.admittedCents ?? view.totals.total.claimedCents
  const hasStatistics = statistics.length > 0
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
    costPerBedDayCents: hasStatistics ? costPerBedDayCents(costCents, bedDays) : null,
  }
  return {
    insider,
    mayEditStatistics: insider && report.isEditable,
    seesAll: seesAllOrganisations(user.memberships),
    assessments,
    tables,
    shown,
    hasStatistics,
    bedDays,
    costPerBedDay: json.costPerBedDayCents,
    json,
  }
}
