import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { isEditableFullApplication } from '#domain/calls/application_lifecycle'
import type { CofinancingKind } from '#domain/calls/cofinancing'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import RuleRefusalException from '#exceptions/rule_refusal_exception'
import Application from '#models/application'
import ApplicationCofinancingSource from '#models/application_cofinancing_source'
import Call from '#models/call'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface CofinancingSourceInput {
  kind: CofinancingKind
  source: string
  amount: number
}

/**
 * Replaces a full application's co-financing sources, while the applicant
 * may still edit it. In kind only where the call accepts it; whether they
 * add up to TEC − F is checked at submission, when the budget is final.
 */
export class SaveCofinancingSources {
  async handle(
    application: Application,
    sources: readonly CofinancingSourceInput[],
    by: User,
    ip: string,
    client?: TransactionClientContract
  ): Promise<ApplicationCofinancingSource[]> {
    if (!client) {
      return db.transaction((trx) => this.handle(application, sources, by, ip, trx))
    }
    const trx = client
    const current = Application.query({ client: trx }).where('id', application.id)
    if (trx.dialect.name === 'postgres') current.forUpdate()
    const { status } = await current.firstOrFail()
    if (!isEditableFullApplication(status)) {
      throw new DomainConflictException('ux.conflicts.only_a_shortlisted_applicant_can_prepare_a')
    }
    const call = await Call.findOrFail(application.callId, { client: trx })
    if (!call.allowsInKind && sources.some((s) => s.kind === 'in_kind')) {
      throw new RuleRefusalException([
        { key: 'cofinancing_in_kind', field: 'cofinancing', data: {} },
      ])
    }
    const before = await ApplicationCofinancingSource.query({ client: trx })
      .where('application_id', application.id)
      .orderBy('position')
    await ApplicationCofinancingSource.query({ client: trx })
      .where('application_id', application.id)
      .delete()
    const rows = await ApplicationCofinancingSource.createMany(
      sources.map((s, position) => ({
        applicationId: application.id,
        position,
        kind: s.kind,
        source: s.source,
        currency: application.currency,
        amountCents: s.amount,
      })),
      { client: trx }
    )
    const shape = (r: ApplicationCofinancingSource) => ({
      kind: r.kind,
      source: r.source,
      amountCents: r.amountCents,
    })
    await AuditTrail.record(trx, {
      actorId: by.id,
      organisationId: application.organisationId,
      action: 'application.cofinancing_saved',
      subjectType: 'application',
      subjectId: application.id,
      before: { sources: before.map(shape) },
      after: { sources: rows.map(shape) },
      ip,
    })
    return rows
  }
}
