import type { Logframe } from '#domain/narrative/logframe'
import type LogframeChange from '#models/logframe_change'
import type NarrativeReport from '#models/narrative_report'
import type { narrativeReportView } from '#queries/narrative_view'

/** The JSON shapes of logframes and narrative reports (explicit allow-lists). */
export function logframeJson(logframe: Logframe, version: number) {
  return { version, items: logframe.items, indicators: logframe.indicators }
}

export function logframeChangeJson(change: LogframeChange) {
  return {
    id: change.id,
    grantId: change.grantId,
    status: change.status,
    baseVersion: change.baseVersion,
    reason: change.reason,
    proposedById: change.proposedById,
    proposedAt: change.proposedAt.toISO(),
    decidedById: change.decidedById,
    decidedAt: change.decidedAt?.toISO() ?? null,
    decisionComment: change.decisionComment,
    items: change.content.items,
    indicators: change.content.indicators,
  }
}

export function narrativeReportSummaryJson(report: NarrativeReport) {
  return {
    id: report.id,
    grantId: report.grantId,
    periodNumber: report.periodNumber,
    kind: report.kind,
    status: report.status,
    version: report.version,
    submittedAt: report.submittedAt?.toISO() ?? null,
    verifiedAt: report.verifiedAt?.toISO() ?? null,
    approvedAt: report.approvedAt?.toISO() ?? null,
    returnComment: report.returnComment,
  }
}

/**
 * A report in full as this viewer may see it: indicator values come from
 * the view (hidden people counts read "<5" or "x"), never from the stored text.
 */
export function narrativeReportJson(
  report: NarrativeReport,
  view: Awaited<ReturnType<typeof narrativeReportView>>
) {
  const { summary, progress, deviations, risks, lessons, visibility } = report.content
  const text = { summary, progress, deviations, risks, lessons, visibility }
  return {
    ...narrativeReportSummaryJson(report),
    logframeVersion: view.logframeVersion,
    content: {
      ...text,
      indicators: view.indicators.map((row) => ({
        ref: row.ref,
        value: row.value.value,
        hidden: row.value.hidden,
        breakdowns: Object.fromEntries(
          Object.entries(row.breakdowns).map(([key, parts]) => [
            key,
            Object.fromEntries(Object.entries(parts!).map(([k, v]) => [k, v.value])),
          ])
        ),
        comment: row.comment,
      })),
    },
    changes: view.changes,
    contributions: {
      reports: view.contributions.rows,
      rollUp: view.contributions.rollUp.map((r) => ({
        programmeIndicatorId: r.programmeIndicatorId,
        value: r.value.value,
        hidden: r.value.hidden,
        own: r.own ? r.own.value : null,
        total: r.total.value,
      })),
    },
    expenseReport: view.expenseReport
      ? { id: view.expenseReport.id, status: view.expenseReport.status }
      : null,
  }
}
