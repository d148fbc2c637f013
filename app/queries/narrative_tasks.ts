import type { Role } from '#domain/roles'
import type { Task } from '#domain/tasks'
import Grant from '#models/grant'
import LogframeChange from '#models/logframe_change'
import NarrativeReport from '#models/narrative_report'

type TaskRow = Omit<Task, 'role' | 'organisationId' | 'organisationName'>

/**
 * The task inbox's narrative work for one membership: the funder's grant
 * managers and finance officers verify submitted narrative reports; its
 * grant managers approve verified ones (not those they verified) and decide
 * logframe change requests (not their own); the grantee revises returned
 * reports. Only the membership's own organisation's grants.
 */
export async function narrativeTasks(
  role: Role,
  organisationId: number,
  userId: number
): Promise<TaskRow[]> {
  const rows: TaskRow[] = []
  const funderGrants = Grant.query().where('funder_organisation_id', organisationId).select('id')
  const granteeGrants = Grant.query().where('grantee_organisation_id', organisationId).select('id')
  const reportRow = (report: NarrativeReport, grant: Grant, kind: TaskRow['kind']): TaskRow => ({
    kind,
    subjectType: 'narrative_report',
    subjectId: report.id,
    label: `${grant.reference} · ${report.periodNumber}`,
    dueOn: grant.periods.find((p) => p.number === report.periodNumber)?.reportDueOn ?? null,
    params: { period: report.periodNumber },
    href: `/narrative-reports/${report.id}`,
  })
  const withGrants = async (reports: NarrativeReport[]) => {
    const grants = await Grant.query().whereIn(
      'id',
      reports.map((r) => r.grantId)
    )
    return reports.map((report) => ({
      report,
      grant: grants.find((g) => g.id === report.grantId)!,
    }))
  }
  if (role === 'grant_manager' || role === 'finance_officer') {
    const submitted = await NarrativeReport.query()
      .where('status', 'submitted')
      .whereIn('grant_id', funderGrants)
      .orderBy('id')
    for (const { report, grant } of await withGrants(submitted))
      rows.push(reportRow(report, grant, 'narrative_verify'))
  }
  if (role === 'grant_manager') {
    const verified = await NarrativeReport.query()
      .where('status', 'verified')
      .whereNot('verified_by_id', userId)
      .whereIn('grant_id', funderGrants)
      .orderBy('id')
    for (const { report, grant } of await withGrants(verified))
      rows.push(reportRow(report, grant, 'narrative_approve'))
    const changes = await LogframeChange.query()
      .where('status', 'submitted')
      .whereNot('proposed_by_id', userId)
      .whereIn('grant_id', funderGrants)
      .orderBy('id')
    const grants = await Grant.query().whereIn(
      'id',
      changes.map((c) => c.grantId)
    )
    for (const change of changes) {
      const grant = grants.find((g) => g.id === change.grantId)!
      rows.push({
        kind: 'logframe_change_decide',
        subjectType: 'logframe_change',
        subjectId: change.id,
        label: `${grant.reference} · #${change.id}`,
        dueOn: null,
        params: {},
        href: `/grants/${grant.id}/logframe`,
      })
    }
  }
  if (role === 'applicant' || role === 'grant_manager') {
    const returned = await NarrativeReport.query()
      .where('status', 'returned')
      .whereIn('grant_id', granteeGrants)
      .orderBy('id')
    for (const { report, grant } of await withGrants(returned))
      rows.push(reportRow(report, grant, 'narrative_returned'))
  }
  return rows
}
