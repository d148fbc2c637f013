import { refreshOpenReports } from '#actions/grants/budget_change_support'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { canMove, checkRelease } from '#domain/grants/contingency'
import { activeGrantStatuses } from '#domain/grants/grant_terms'
import { formatMoney } from '#domain/money'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ContingencyRelease from '#models/contingency_release'
import Grant from '#models/grant'
import type User from '#models/user'
import { auditSummary, contingencyOf } from '#actions/grants/contingency_release_support'
import { refusal } from '#actions/grants/request_contingency_release'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'

/**
 * The funder's grant manager approves or refuses a contingency release,
 * with a comment; never the person who requested it. Under a row lock on
 * the grant, an approval checks again that Σ approved releases stays ≤ C.
 * TEC, F and the contractual share are not touched. The grantee is told.
 */
export class DecideContingencyRelease {
  async handle(
    releaseId: number,
    decision: 'approve' | 'refuse',
    comment: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const found = await ContingencyRelease.query({ client: trx })
        .where('id', releaseId)
        .firstOrFail()
      const grant = await Grant.findForUpdate(trx, found.grantId)
      const release = await ContingencyRelease.query({ client: trx })
        .where('id', releaseId)
        .firstOrFail()
      const status = decision === 'approve' ? 'approved' : 'refused'
      if (!canMove(release.status, status)) {
        throw new DomainConflictException('ux.conflicts.only_a_pending_contingency_release_can_be')
      }
      if (release.requestedById === by.id) {
        throw new DomainConflictException(
          'ux.conflicts.the_person_who_requested_a_contingency_release'
        )
      }
      const { position } = await contingencyOf(grant, trx)
      if (status === 'approved') {
        if (!activeGrantStatuses.includes(grant.status)) {
          throw new DomainConflictException(
            'ux.conflicts.a_contingency_release_can_be_approved_only'
          )
        }
        const check = checkRelease({
          reserveCents: position.reserveCents,
          releasedCents: position.releasedCents,
          amountCents: release.amountCents,
        })
        if (!check.ok) throw refusal(check, grant.currency)
      }
      const before = auditSummary(release)
      release.useTransaction(trx)
      release.merge({
        status,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
        decisionComment: comment || null,
      })
      await release.save()
      if (status === 'approved') await refreshOpenReports(trx, grant.id)
      const releasedAfter =
        position.releasedCents + (status === 'approved' ? release.amountCents : 0)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: `contingency_release.${status}`,
        subjectType: 'contingency_release',
        subjectId: release.id,
        before: { ...before, releasedCents: position.releasedCents },
        after: {
          ...auditSummary(release),
          comment: release.decisionComment,
          releasedCents: releasedAfter,
          remainingCents: position.reserveCents - releasedAfter,
        },
        ip,
      })
      await noticeOf(trx, grant, 'grantee', {
        kind: `contingency_release_${status}`,
        key: `contingency_release:${release.id}:${status}`,
        href: `/grants/${grant.id}/contingency-releases`,
        params: { amount: formatMoney(release.amountCents, grant.currency) },
      })
      return release
    })
  }
}
