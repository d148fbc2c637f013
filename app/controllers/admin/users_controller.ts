import type { HttpContext } from '@adonisjs/core/http'
import { hasPendingInvitation } from '#actions/users/pending_invitation'
import AuditEvent from '#models/audit_event'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import vine from '@vinejs/vine'
import { pageNumber } from '#validators/ids'

const userFilterValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  page: pageNumber().optional(),
})

/** The list of people and their roles, for administrators. */
export default class UsersController {
  async index({ request, view, bouncer, auth }: HttpContext) {
    await bouncer.authorize('administer')
    const filters = await userFilterValidator.validate(request.qs())
    const query = User.query()
      .preload('memberships', (memberships) => memberships.preload('organisation').orderBy('id'))
      .orderBy('email')
    if (filters.q) {
      query.where((where) =>
        where.whereILike('email', `%${filters.q}%`).orWhereILike('full_name', `%${filters.q}%`)
      )
    }
    const users = await query.paginate(filters.page ?? 1, 25)
    users.baseUrl('/admin/users').queryString({ q: filters.q })
    await AuditTrail.recordNow({
      actorId: auth.getUserOrFail().id,
      action: 'user_list.viewed',
      ip: request.ip(),
    })
    return view.render('pages/admin/users/index', { users, filters })
  }

  /** A person's page: their roles, whether they may sign in, and every change about them. */
  async show({ params, view, bouncer, auth, request }: HttpContext) {
    await bouncer.authorize('administer')
    const person = await User.query()
      .where('id', Number(params.id) || 0)
      .preload('memberships', (memberships) => memberships.preload('organisation').orderBy('id'))
      .firstOrFail()
    const membershipIds = person.memberships.map((membership) => String(membership.id))
    const events = await AuditEvent.query()
      .where((where) => {
        where.where({ subjectType: 'user', subjectId: String(person.id) })
        if (membershipIds.length > 0) {
          where.orWhere((m) =>
            m.where('subjectType', 'membership').whereIn('subjectId', membershipIds)
          )
        }
      })
      .preload('actor')
      .orderBy('id', 'desc')
      .limit(100)
    await AuditTrail.recordNow({
      actorId: auth.getUserOrFail().id,
      action: 'user.viewed',
      subjectType: 'user',
      subjectId: person.id,
      ip: request.ip(),
    })
    return view.render('pages/admin/users/show', {
      person,
      events,
      invitationPending: await hasPendingInvitation(person.id),
    })
  }
}
