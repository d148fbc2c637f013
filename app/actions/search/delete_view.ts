import db from '@adonisjs/lucid/services/db'
import SavedView from '#models/saved_view'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/** A person deletes one of their own saved views (another's is not found); audited. */
export class DeleteView {
  async handle(user: User, viewId: number, ip: string) {
    return db.transaction(async (trx) => {
      const view = await SavedView.query({ client: trx })
        .where('id', viewId)
        .where('user_id', user.id)
        .forUpdate()
        .firstOrFail()
      const before = { name: view.name, page: view.page, query: view.query }
      view.useTransaction(trx)
      await view.delete()
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: 'saved_view.deleted',
        subjectType: 'saved_view',
        subjectId: viewId,
        before,
        after: null,
        ip,
      })
      return view
    })
  }
}
