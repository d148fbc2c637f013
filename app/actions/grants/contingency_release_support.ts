import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { contingencyPosition } from '#domain/grants/contingency'
import ContingencyRelease from '#models/contingency_release'
import type Grant from '#models/grant'
import { currentBudgetLines } from '#queries/grant_finances'

/** C of the grant's current budget and where its releases stand. */
export async function contingencyOf(grant: Grant, client?: TransactionClientContract) {
  const lines = await currentBudgetLines(grant, client)
  const reserveCents = lines
    .filter((line) => line.heading === 'contingency')
    .reduce((total, line) => total + line.totalCents, 0)
  const releases = await ContingencyRelease.ofGrant(grant.id, client)
  return { releases, position: contingencyPosition(reserveCents, releases) }
}

/** What the audit trail keeps of a release. */
export function auditSummary(release: ContingencyRelease) {
  return {
    grantId: release.grantId,
    heading: release.heading,
    amountCents: release.amountCents,
    currency: release.currency,
    status: release.status,
  }
}
