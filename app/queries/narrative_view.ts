import { primaryMarkFor, secondaryMark, viewerOf } from '#domain/reports/disclosure'
import { emptyLogframe, type Logframe, logframeSubmissionGaps } from '#domain/narrative/logframe'
import {
  breakdowns,
  type Breakdown,
  type NarrativeContent,
  narrativeChanges,
  rolledUp,
  seriesIsProtected,
  shownCount,
  type ShownValue,
} from '#domain/narrative/narrative_report'
import ExpenseReport from '#models/expense_report'
import { leadPeriodFor } from '#domain/narrative/roll_up'
import Grant from '#models/grant'
import Indicator from '#models/indicator'
import LogframeModel from '#models/logframe'
import NarrativeReport from '#models/narrative_report'
import NarrativeReportVersion from '#models/narrative_report_version'
import Organisation from '#models/organisation'
import type User from '#models/user'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { AuditTrail } from '#services/audit_trail'

export interface ShownIndicatorRow {
  ref: string
  value: ShownValue
  breakdowns: Partial<Record<Breakdown, Record<string, ShownValue>>>
  comment: string | null
}

/** The people-count indicators of a logframe (their values are protected like the statistics). */
function peopleRefs(logframe: Logframe) {
  return new Set(logframe.indicators.filter((i) => i.disaggregated).map((i) => i.ref))
}

/**
 * The indicator values of a report as this viewer may see them: insiders
 * (the grantee, the MLSW) every number; outsiders every people count of a
 * protected series hidden ("<minimum" below the publication minimum, "x"
 * from it up).
 */
export function shownIndicators(
  content: NarrativeContent,
  people: Set<string>,
  hide: boolean,
  minimum: number
) {
  return content.indicators.map((row): ShownIndicatorRow => {
    const isPeople = people.has(row.ref)
    const hideRow = hide && isPeople
    const parts: ShownIndicatorRow['breakdowns'] = {}
    for (const key of Object.keys(breakdowns) as Breakdown[]) {
      const values = row[key] as Record<string, number> | undefined
      if (values) {
        parts[key] = Object.fromEntries(
          Object.entries(values).map(([k, n]) => [k, shownCount(n, hideRow, minimum)])
        )
      }
    }
    return {
      ref: row.ref,
      value: hideRow
        ? shownCount(Number(row.value), true, minimum)
        : { value: row.value, hidden: false },
      breakdowns: parts,
      comment: row.comment ?? null,
    }
  })
}

/** Whether a grant's people counts are hidden from outsiders (a protected series). */
async function isProtectedGrant(grant: Grant, logframe: Logframe, minimum: number) {
  const series = await NarrativeReport.query().where('grant_id', grant.id)
  return seriesIsProtected(
    series.map((r) => r.content),
    peopleRefs(logframe),
    minimum
  )
}

/** Whether a viewer sees a grant's people counts hidden (an outsider and a protected series). */
async function hidesSeries(grant: Grant, user: User, logframe: Logframe, minimum: number) {
  if (viewerOf(user.memberships, grant.granteeOrganisationId).insider) return false
  return isProtectedGrant(grant, logframe, minimum)
}

export async function grantLogframe(grantId: number) {
  return LogframeModel.query().where('grant_id', grantId).first()
}

/** Programme indicators by id, with code and titles (only these columns are read). */
export async function programmeIndicators() {
  const rows = await Indicator.query().select('id', 'code', 'title_en', 'title_sq', 'title_sr')
  return new Map(rows.map((row) => [row.id, row]))
}

/** Programme indicators as a list (code and titles). */
export async function programmeIndicatorList() {
  const byId = await programmeIndicators()
  return [...byId.values()]
}

/**
 * Everything the report page, the PDF and the API show of a narrative
 * report to this viewer. An insider's view of people counts that outsiders
 * see hidden is an access in the audit trail
 * (`narrative_report.statistics_viewed`, with the outlet), as for the
 * service statistics.
 */
export async function narrativeReportView(
  report: NarrativeReport,
  grant: Grant,
  user: User,
  access?: { ip: string; outlet: 'page' | 'api' | 'pdf' }
) {
  const logframeRow = await grantLogframe(grant.id)
  const logframe = logframeRow?.content ?? emptyLogframe()
  // The publication minimum in force, as for the statistics (ADR 0025).
  const minimum = await publicationMinimumToday()
  const insider = viewerOf(user.memberships, grant.granteeOrganisationId).insider
  const isProtected = await isProtectedGrant(grant, logframe, minimum)
  const hide = !insider && isProtected
  if (insider && isProtected && access) {
    await AuditTrail.recordNow({
      actorId: user.id,
      organisationId: grant.granteeOrganisationId,
      action: 'narrative_report.statistics_viewed',
      subjectType: 'narrative_report',
      subjectId: report.id,
      after: { outlet: access.outlet },
      ip: access.ip,
    })
  }
  const people = peopleRefs(logframe)
  const versions = await NarrativeReportVersion.query()
    .where('narrative_report_id', report.id)
    .orderBy('id', 'asc')
  const submitted = versions.filter((v) => v.event === 'submitted')
  /* On a resubmission: what changed since the text that was returned. */
  const previous = submitted.length >= 2 ? submitted[submitted.length - 2] : null
  const latest = submitted.length >= 1 ? submitted[submitted.length - 1] : null
  const changes =
    previous && latest
      ? narrativeChanges(previous.content, latest.content).map((change) =>
          change.field.startsWith('indicators.') && hide && people.has(change.field.slice(11))
            ? {
                ...change,
                before: change.before === null ? null : secondaryMark,
                after: change.after === null ? null : secondaryMark,
              }
            : change
        )
      : []
  const expenseReport = await ExpenseReport.query()
    .where('grant_id', grant.id)
    .where('period_number', report.periodNumber)
    .first()
  return {
    logframe,
    logframeVersion: logframeRow?.version ?? 0,
    programme: await programmeIndicators(),
    indicators: shownIndicators(report.content, people, hide, minimum),
    hidden: hide,
    /** The publication minimum in force and its mark ("<5"), for the page's note. */
    minimum,
    primaryMark: primaryMarkFor(minimum),
    versions,
    changes,
    changedFrom: previous?.version ?? null,
    expenseReport,
    period: grant.periods.find((p) => p.number === report.periodNumber) ?? null,
    contributions: await subGrantContributions(grant, report, user, minimum),
    /* A lead grantee reports its own values only (ADR 0037): the form says so. */
    hasSubGrants:
      (await Grant.query().where('parent_grant_id', grant.id).select('id').first()) !== null,
  }
}

export interface Contribution {
  grantId: number
  reference: string
  organisation: string
  reportId: number
  periodNumber: number
  status: string
  summary: string | null
}

/** Per programme indicator: the lead's own value, its sub-grantees' sum and the two together. */
export interface RollUpRow {
  programmeIndicatorId: number
  /** The sub-grantees' values (as before: withheld when any is hidden). */
  value: ShownValue
  /** The lead's own value in this report, null when it reports none. */
  own: ShownValue | null
  /** Own + sub-grantees', each counted once. */
  total: ShownValue
}

/** Whole-number values of a report's rows per linked programme indicator, as the viewer may see them. */
function valuesByProgramme(
  content: NarrativeContent,
  logframe: Logframe,
  hide: boolean,
  minimum: number
): Map<number, ShownValue[]> {
  const byProgramme = new Map<number, ShownValue[]>()
  for (const shown of shownIndicators(content, peopleRefs(logframe), hide, minimum)) {
    const linked = logframe.indicators.find((i) => i.ref === shown.ref)?.programmeIndicatorId
    if (!linked || !/^\d+$/.test(shown.value.hidden ? '0' : shown.value.value)) continue
    byProgramme.set(linked, [...(byProgramme.get(linked) ?? []), shown.value])
  }
  return byProgramme
}

/**
 * A lead grantee's report rolls up its sub-grantees' narrative reports
 * (submitted or further), each in the one lead period in which its period
 * ends (`leadPeriodFor`, ADR 0037): each one's summary, and per programme
 * indicator the sum of their values, withheld ("x") when any contributor's
 * value is hidden from this viewer. The lead's own values leave the
 * sub-grantees' out; the total adds the two.
 */
export async function subGrantContributions(
  grant: Grant,
  report: NarrativeReport,
  user: User,
  minimum: number
) {
  const period = grant.periods.find((p) => p.number === report.periodNumber)
  const subGrants = await Grant.query().where('parent_grant_id', grant.id)
  const rows: Contribution[] = []
  const byProgramme = new Map<number, ShownValue[]>()
  if (!period || subGrants.length === 0) return { rows, rollUp: [] as RollUpRow[] }
  for (const sub of subGrants) {
    const subLogframe = await grantLogframe(sub.id)
    const logframe = subLogframe?.content ?? emptyLogframe()
    const hide = await hidesSeries(sub, user, logframe, minimum)
    const mine = sub.periods
      .filter((p) => leadPeriodFor(p.endsOn, grant.periods) === report.periodNumber)
      .map((p) => p.number)
    if (mine.length === 0) continue
    const reports = await NarrativeReport.query()
      .where('grant_id', sub.id)
      .whereIn('period_number', mine)
      .whereIn('status', ['submitted', 'verified', 'approved'])
      .orderBy('period_number')
    const organisation = await Organisation.find(sub.granteeOrganisationId)
    for (const sr of reports) {
      rows.push({
        grantId: sub.id,
        reference: sub.reference,
        organisation: organisation?.name ?? '',
        reportId: sr.id,
        periodNumber: sr.periodNumber,
        status: sr.status,
        summary: sr.content.summary,
      })
      for (const [linked, values] of valuesByProgramme(sr.content, logframe, hide, minimum)) {
        byProgramme.set(linked, [...(byProgramme.get(linked) ?? []), ...values])
      }
    }
  }
  const leadRow = await grantLogframe(grant.id)
  const leadLogframe = leadRow?.content ?? emptyLogframe()
  const own = valuesByProgramme(
    report.content,
    leadLogframe,
    await hidesSeries(grant, user, leadLogframe, minimum),
    minimum
  )
  const ids = [...new Set([...byProgramme.keys(), ...(rows.length > 0 ? own.keys() : [])])]
  return {
    rows,
    rollUp: ids.map((programmeIndicatorId): RollUpRow => {
      const subs = byProgramme.get(programmeIndicatorId) ?? []
      const mineShown = own.get(programmeIndicatorId)
      const ownValue = mineShown ? rolledUp(mineShown) : null
      const value = rolledUp(subs)
      return {
        programmeIndicatorId,
        value,
        own: ownValue,
        total: rolledUp(ownValue ? [ownValue, value] : [value]),
      }
    }),
  }
}

/**
 * The structured logframe of a full application (empty when none), with what
 * it still lacks for the submission: for the form, the builder and the
 * assessor sheet.
 */
export async function applicationLogframeView(applicationId: number) {
  const row = await LogframeModel.query().where('application_id', applicationId).first()
  return {
    logframe: row?.content ?? emptyLogframe(),
    logframeGaps: logframeSubmissionGaps(row?.content ?? null),
    programme: await programmeIndicatorList(),
  }
}
