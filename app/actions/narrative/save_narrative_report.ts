import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { isEditable, narrativeChanges } from '#domain/narrative/narrative_report'
import Grant from '#models/grant'
import NarrativeReport from '#models/narrative_report'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { contentOf, type NarrativeInput } from '#actions/narrative/narrative_support'

/**
 * The grantee saves the text of a draft or returned report. The audit row
 * names the fields changed, never the values (indicator values count people).
 */
export class SaveNarrativeReport {
  async handle(reportId: number, input: NarrativeInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const found = await NarrativeReport.findOrFail(reportId, { client: trx })
      const grant = await Grant.findForUpdate(trx, found.grantId)
      const query = NarrativeReport.query({ client: trx }).where('id', reportId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const report = await query.firstOrFail()
      if (!isEditable(report.status)) {
        throw new DomainConflictException('narrative.conflicts.report_not_editable')
      }
      const content = contentOf(input)
      const fields = narrativeChanges(report.content, content).map((c) => c.field)
      report.content = content
      await report.useTransaction(trx).save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'narrative_report.saved',
        subjectType: 'narrative_report',
        subjectId: report.id,
        after: { fields },
        ip,
      })
      return report
    })
  }
}
