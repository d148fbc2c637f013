import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { emptyLogframe, logframeDifferences } from '#domain/narrative/logframe'
import Grant from '#models/grant'
import LogframeChange from '#models/logframe_change'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import {
  assertCompleteLogframe,
  grantLogframeForUpdate,
  logframeOf,
  type LogframeInput,
} from '#actions/narrative/logframe_support'

/**
 * The grantee asks to change the grant's logframe (or to set its first
 * one, for a grant contracted without): one request open at a time; it
 * applies only when the funder's grant manager approves it.
 */
export class RequestLogframeChange {
  async handle(grantId: number, input: LogframeInput & { reason: string }, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      if (grant.status === 'draft' || grant.status === 'closed') {
        throw new DomainConflictException('narrative.conflicts.logframe_locked')
      }
      const open = await LogframeChange.query({ client: trx })
        .where('grant_id', grant.id)
        .where('status', 'submitted')
        .first()
      if (open) {
        throw new DomainConflictException('narrative.conflicts.change_already_waiting')
      }
      const content = logframeOf(input)
      await assertCompleteLogframe(trx, content)
      const current = await grantLogframeForUpdate(trx, grant.id)
      const change = await LogframeChange.create(
        {
          grantId: grant.id,
          status: 'submitted',
          baseVersion: current?.version ?? 0,
          content,
          reason: input.reason,
          proposedById: by.id,
          proposedAt: DateTime.utc(),
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'logframe_change.submitted',
        subjectType: 'grant',
        subjectId: grant.id,
        after: {
          changeId: change.id,
          baseVersion: change.baseVersion,
          reason: change.reason,
          changes: logframeDifferences(current?.content ?? emptyLogframe(), content),
        },
        ip,
      })
      return change
    })
  }
}
