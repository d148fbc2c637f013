import db from '@adonisjs/lucid/services/db'
import type { ReleaseHeading } from '#domain/grants/contingency'
import { checkRelease } from '#domain/grants/contingency'
import { activeGrantStatuses } from '#domain/grants/grant_terms'
import { formatMoney } from '#domain/money'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ContingencyRelease from '#models/contingency_release'
import Grant from '#models/grant'
import type User from '#models/user'
import { auditSummary, contingencyOf } from '#actions/grants/contingency_release_support'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'

export interface ContingencyReleaseInput {
  heading: ReleaseHeading
  amountCents: number
  justification: string
}

/**
 * The grantee asks in writing to move an amount from the contingency
 * reserve of a signed grant to a heading (DOMAIN-RULES §3). The amount must
 * fit in what the approved releases leave of C; the funder's grant managers
 * are told.
 */
export class RequestContingencyRelease {
  async handle(grantId: number, input: ContingencyReleaseInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      if (!activeGrantStatuses.includes(grant.status)) {
        throw new DomainConflictException(
          'ux.conflicts.a_contingency_release_can_be_requested_only'
        )
      }
      const { position } = await contingencyOf(grant, trx)
      const check = checkRelease({
        reserveCents: position.reserveCents,
        releasedCents: position.releasedCents,
        amountCents: input.amountCents,
      })
      if (!check.ok) throw refusal(check, grant.currency)
      const release = await ContingencyRelease.create(
        {
          grantId: grant.id,
          heading: input.heading,
          amountCents: input.amountCents,
          currency: grant.currency,
          justification: input.justification,
          status: 'requested',
          requestedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'contingency_release.requested',
        subjectType: 'contingency_release',
        subjectId: release.id,
        before: { releasedCents: position.releasedCents, remainingCents: position.remainingCents },
        after: { ...auditSummary(release), justification: release.justification },
        ip,
      })
      await noticeOf(trx, grant, 'funderManagers', {
        kind: 'contingency_release_requested',
        key: `contingency_release:${release.id}:requested`,
        href: `/contingency-releases/${release.id}`,
        params: { amount: formatMoney(release.amountCents, grant.currency) },
        exceptUserId: by.id,
      })
      return release
    })
  }
}

export function refusal(
  check: Exclude<ReturnType<typeof checkRelease>, { ok: true }>,
  currency: string
) {
  const remaining = check.code === 'OVER_REMAINING' ? check.remainingCents : 0
  return new DomainConflictException(`ux.conflicts.release_${check.code.toLowerCase()}`, {
    remaining: (reader) => formatMoney(remaining, currency, reader.locale),
  })
}
