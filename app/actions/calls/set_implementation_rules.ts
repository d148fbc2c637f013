import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import RuleRefusalException from '#exceptions/rule_refusal_exception'
import Call from '#models/call'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { callImplementationRulesValidator } from '#validators/call'

export type ImplementationRulesInput = Infer<typeof callImplementationRulesValidator>

/**
 * Sets a draft call's implementation period limits (months) and whether
 * it accepts co-financing in kind, as the call set-up form does.
 */
export class SetImplementationRules {
  async handle(callId: number, input: ImplementationRulesInput, by: User, ip: string) {
    if (input.maxDurationMonths < input.minDurationMonths) {
      throw new RuleRefusalException([
        { key: 'duration_range', field: 'maxDurationMonths', data: {} },
      ])
    }
    return db.transaction(async (trx) => {
      const query = Call.query({ client: trx }).where('id', callId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const call = await query.firstOrFail()
      if (call.status !== 'draft')
        throw new DomainConflictException('ux.conflicts.only_a_draft_call_can_be_edited')
      const before = {
        minDurationMonths: call.minDurationMonths,
        maxDurationMonths: call.maxDurationMonths,
        allowsInKind: call.allowsInKind,
      }
      call.useTransaction(trx)
      call.merge(input)
      await call.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: call.funderOrganisationId,
        action: 'call.implementation_rules_set',
        subjectType: 'call',
        subjectId: call.id,
        before,
        after: input,
        ip,
      })
      return call
    })
  }
}
