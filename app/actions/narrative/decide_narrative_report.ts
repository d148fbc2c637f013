import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import NarrativeReportVersion from '#models/narrative_report_version'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'
import { reportForMove } from '#actions/narrative/narrative_support'

export type NarrativeDecision = 'verified' | 'returned' | 'approved'

/**
 * The funder's steps on a submitted narrative report: verify it, return it
 * for revision with a comment (from submitted or verified), or approve a
 * verified report, never by the person who verified it. Each step keeps
 * the text as it stood and is audited.
 */
export class DecideNarrativeReport {
  async handle(
    reportId: number,
    decision: NarrativeDecision,
    comment: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportForMove(trx, reportId, decision)
      if (decision === 'approved' && report.verifiedById === by.id) {
        throw new DomainConflictException('narrative.conflicts.verifier_cannot_approve')
      }
      if (decision === 'returned' && !comment) {
        throw new DomainConflictException('narrative.conflicts.revision_needs_comment')
      }
      const before = { status: report.status, version: report.version }
      const now = DateTime.utc()
      if (decision === 'verified') report.merge({ verifiedById: by.id, verifiedAt: now })
      if (decision === 'approved') report.merge({ approvedById: by.id, approvedAt: now })
      if (decision === 'returned') report.merge({ returnComment: comment })
      report.status = decision
      await report.useTransaction(trx).save()
      await NarrativeReportVersion.create(
        {
          narrativeReportId: report.id,
          version: report.version,
          event: decision,
          content: report.content,
          comment,
          createdById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: `narrative_report.${decision}`,
        subjectType: 'narrative_report',
        subjectId: report.id,
        before,
        after: { status: decision, version: report.version, comment },
        ip,
      })
      await noticeOf(trx, grant, decision === 'verified' ? 'funderManagers' : 'grantee', {
        kind: `narrative_${decision}`,
        key: `narrative_report:${report.id}:${decision}:${report.version}`,
        href: `/narrative-reports/${report.id}`,
        params: { period: report.periodNumber },
        exceptUserId: by.id,
      })
      return report
    })
  }
}
