import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Role } from '#domain/roles'
import type Grant from '#models/grant'
import Membership from '#models/membership'
import { Notifier } from '#services/notifier'

/** Who hears of a step on the payment or reporting path. */
const audiences = {
  grantee: { side: 'grantee', roles: ['applicant', 'grant_manager'] },
  funderFinance: { side: 'funder', roles: ['finance_officer'] },
  funderManagers: { side: 'funder', roles: ['grant_manager'] },
} as const

export type Audience = keyof typeof audiences

/**
 * In-app notices of the steps that hand work to another organisation: a
 * tranche or a report sent to the funder, returned to the grantee, approved
 * or paid. Each notice goes once (its dedupe key names the step) and is
 * written in the transaction of the step.
 */
export async function noticeOf(
  trx: TransactionClientContract,
  grant: Grant,
  audience: Audience,
  notice: {
    kind: string
    key: string
    href: string
    params?: Record<string, string | number>
    exceptUserId?: number
    /** People left out because they took an earlier step (segregation of duties). */
    exceptUserIds?: readonly number[]
  }
) {
  const { side, roles } = audiences[audience]
  const organisationId =
    side === 'grantee' ? grant.granteeOrganisationId : grant.funderOrganisationId
  const members = await Membership.query({ client: trx })
    .where('organisation_id', organisationId)
    .whereIn('role', roles as readonly Role[] as Role[])
    .select('user_id')
  const excluded = new Set([notice.exceptUserId, ...(notice.exceptUserIds ?? [])])
  const userIds = members.map((m) => m.userId).filter((id) => !excluded.has(id))
  return Notifier.notify(trx, userIds, {
    kind: notice.kind,
    dedupeKey: notice.key,
    params: { reference: grant.reference, ...notice.params },
    href: notice.href,
  })
}
