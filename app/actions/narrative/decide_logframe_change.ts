import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import { emptyLogframe, logframeDifferences } from '#domain/narrative/logframe'
import Grant from '#models/grant'
import Logframe from '#models/logframe'
import LogframeChange from '#models/logframe_change'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { grantLogframeForUpdate } from '#actions/narrative/logframe_support'

/**
 * The funder's grant manager approves a logframe change request (the
 * grant's logframe becomes the proposal, as a new version) or returns it
 * with a comment. A request made against an older version is stale and
 * can only be returned.
 */
export class DecideLogframeChange {
  async handle(
    changeId: number,
    decision: 'approved' | 'returned',
    comment: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const found = await LogframeChange.findOrFail(changeId, { client: trx })
      const grant = await Grant.findForUpdate(trx, found.grantId)
      const query = LogframeChange.query({ client: trx }).where('id', changeId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const change = await query.firstOrFail()
      if (change.status !== 'submitted') {
        throw new DomainConflictException('narrative.conflicts.change_not_waiting')
      }
      if (change.proposedById === by.id) {
        throw new DomainConflictException('narrative.conflicts.own_change_request')
      }
      const current = await grantLogframeForUpdate(trx, grant.id)
      const before = current?.content ?? emptyLogframe()
      let version = current?.version ?? 0
      if (decision === 'approved') {
        if (version !== change.baseVersion) {
          throw new DomainConflictException('narrative.conflicts.logframe_changed_since')
        }
        version += 1
        if (current) {
          current.merge({ content: change.content, version, updatedById: by.id })
          await current.useTransaction(trx).save()
        } else {
          await Logframe.create(
            {
              grantId: grant.id,
              applicationId: null,
              version,
              content: change.content,
              updatedById: by.id,
            },
            { client: trx }
          )
        }
      }
      change.merge({
        status: decision,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
        decisionComment: comment,
      })
      await change.useTransaction(trx).save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: `logframe_change.${decision}`,
        subjectType: 'grant',
        subjectId: grant.id,
        before: { changeId: change.id, status: 'submitted', version: current?.version ?? 0 },
        after: {
          changeId: change.id,
          status: decision,
          version,
          comment,
          changes: decision === 'approved' ? logframeDifferences(before, change.content) : [],
        },
        ip,
      })
      return change
    })
  }
}
