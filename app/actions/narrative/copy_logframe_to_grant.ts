import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Logframe from '#models/logframe'

/**
 * At contract, the grant takes the logframe of the awarded full
 * application as its version 1 (inside the contract's transaction).
 * Nothing happens when the application has none.
 */
export async function copyLogframeToGrant(
  trx: TransactionClientContract,
  applicationId: number,
  grantId: number,
  byId: number
) {
  const source = await Logframe.query({ client: trx })
    .where('application_id', applicationId)
    .first()
  if (!source) return null
  const existing = await Logframe.query({ client: trx }).where('grant_id', grantId).first()
  if (existing) return existing
  return Logframe.create(
    { applicationId: null, grantId, version: 1, content: source.content, updatedById: byId },
    { client: trx }
  )
}
