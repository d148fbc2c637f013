import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { emptyNarrative } from '#domain/narrative/narrative_report'
import Grant from '#models/grant'
import NarrativeReport from '#models/narrative_report'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/** The grantee opens the narrative report of a reporting period (the final one for the last period). */
export class OpenNarrativeReport {
  async handle(grantId: number, periodNumber: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      if (grant.status === 'draft') {
        throw new DomainConflictException('narrative.conflicts.contract_not_signed')
      }
      const period = grant.periods.find((p) => p.number === periodNumber)
      if (!period) throw new DomainConflictException('narrative.conflicts.no_such_period')
      const kind = period.isFinal ? 'final' : 'interim'
      const existing = await NarrativeReport.query({ client: trx })
        .where('grant_id', grant.id)
        .where('period_number', periodNumber)
        .where('kind', kind)
        .first()
      if (existing) return existing
      const report = await NarrativeReport.create(
        {
          grantId: grant.id,
          periodNumber,
          kind,
          status: 'draft',
          version: 0,
          content: emptyNarrative(),
          createdById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'narrative_report.opened',
        subjectType: 'narrative_report',
        subjectId: report.id,
        after: { grantId: grant.id, periodNumber, kind },
        ip,
      })
      return report
    })
  }
}
