import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ActionPoint from '#models/action_point'

/** The action point, locked for the rest of the transaction on PostgreSQL. */
export function lockActionPoint(trx: TransactionClientContract, id: number) {
  const query = ActionPoint.query({ client: trx }).where('id', id)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.firstOrFail()
}

/** The fields the audit trail keeps before and after a change. */
export function auditedFields(point: ActionPoint) {
  return {
    title: point.title,
    status: point.status,
    dueOn: point.dueOn.toISODate(),
    ownerOrganisation: point.ownerOrganisationId,
    ownerUser: point.ownerUserId,
  }
}
