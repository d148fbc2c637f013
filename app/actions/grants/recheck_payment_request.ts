import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { todayInKosovo } from '#services/clock'
import { lockRequest, refreshHold } from '#actions/grants/payment_request_support'

/**
 * Re-checks the conditions and records whether the tranche is held. Used
 * by a person (after a licence renewal, say); approval and payment do the
 * same inside their own step.
 */
export class RecheckPaymentRequest {
  async handle(requestId: number, by: User, ip: string, today = todayInKosovo()) {
    return db.transaction(async (trx) => {
      const { request, grant } = await lockRequest(trx, requestId)
      await refreshHold(trx, request, grant, by, ip, today)
      return request
    })
  }
}
