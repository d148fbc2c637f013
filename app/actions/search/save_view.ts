import db from '@adonisjs/lucid/services/db'
import SavedView from '#models/saved_view'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * A person keeps the current search filters under a name; the same name
 * replaces the filters it held. Creating and replacing are both audited.
 */
export class SaveView {
  async handle(user: User, input: { name: string; query: string }, ip: string) {
    return db.transaction(async (trx) => {
      const existing = await SavedView.query({ client: trx })
        .where('user_id', user.id)
        .where('page', 'search')
        .where('name', input.name)
        .forUpdate()
        .first()
      const before = existing ? { name: existing.name, query: existing.query } : null
      const view =
        existing ??
        new SavedView().merge({ userId: user.id, page: 'search', name: input.name, query: '' })
      view.useTransaction(trx)
      view.query = input.query
      await view.save()
      await AuditTrail.record(trx, {
        actorId: user.id,
        action: existing ? 'saved_view.updated' : 'saved_view.created',
        subjectType: 'saved_view',
        subjectId: view.id,
        before,
        after: { name: view.name, page: view.page, query: view.query },
        ip,
      })
      return view
    })
  }
}
