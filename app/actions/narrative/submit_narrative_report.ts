import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import NarrativeRefusalException from '#exceptions/narrative_refusal_exception'
import { narrativeProblems } from '#domain/narrative/narrative_report'
import Logframe from '#models/logframe'
import NarrativeReportVersion from '#models/narrative_report_version'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'
import { reportForMove } from '#actions/narrative/narrative_support'

/**
 * The grantee submits (or resubmits) the report: it must report on every
 * result, activity and indicator of the grant's logframe. The submitted
 * text is kept as a version for the diff shown on resubmission.
 */
export class SubmitNarrativeReport {
  async handle(reportId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportForMove(trx, reportId, 'submitted')
      const logframe = await Logframe.query({ client: trx }).where('grant_id', grant.id).first()
      if (!logframe) {
        throw new DomainConflictException('narrative.conflicts.no_logframe')
      }
      const problems = narrativeProblems(report.content, logframe.content)
      if (problems.length > 0) throw new NarrativeRefusalException(problems)
      const before = { status: report.status, version: report.version }
      report.merge({
        status: 'submitted',
        version: report.version + 1,
        submittedById: by.id,
        submittedAt: DateTime.utc(),
        verifiedById: null,
        verifiedAt: null,
        returnComment: null,
      })
      await report.useTransaction(trx).save()
      await NarrativeReportVersion.create(
        {
          narrativeReportId: report.id,
          version: report.version,
          event: 'submitted',
          content: report.content,
          comment: null,
          createdById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'narrative_report.submitted',
        subjectType: 'narrative_report',
        subjectId: report.id,
        before,
        after: { status: 'submitted', version: report.version, logframeVersion: logframe.version },
        ip,
      })
      await noticeOf(trx, grant, 'funderManagers', {
        kind: 'narrative_submitted',
        key: `narrative_report:${report.id}:submitted:${report.version}`,
        href: `/narrative-reports/${report.id}`,
        params: { period: report.periodNumber },
      })
      return report
    })
  }
}
