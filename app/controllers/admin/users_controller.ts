import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { hasPendingInvitation } from '#actions/users/pending_invitation'
import { assignableRoles, peopleAuthority } from '#domain/people'
import AuditEvent from '#models/audit_event'
import Organisation from '#models/organisation'
import PersonPolicy from '#policies/person_policy'
import { findPersonFor, managedOrganisationIds, peopleQueryFor } from '#queries/people'
import { AuditTrail } from '#services/audit_trail'
import { describePersonEvent } from '#services/person_history'
import { pageNumber } from '#validators/ids'

const userFilterValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  page: pageNumber().optional(),
})

/**
 * The list of people and their roles: administrators see everyone, an
 * organisation's people managers the people of their organisation (ADR 0020).
 */
export default class UsersController {
  async index({ request, view, bouncer, auth }: HttpContext) {
    await bouncer.authorize('managePeople')
    const actor = auth.getUserOrFail()
    const filters = await userFilterValidator.validate(request.qs())
    const managed = await managedOrganisationIds(actor)
    const query = peopleQueryFor(managed)
      .preload('memberships', (memberships) => {
        memberships.preload('organisation').orderBy('id')
        if (managed !== null) memberships.whereIn('organisation_id', managed)
      })
      .orderBy('email')
    if (filters.q) {
      query.where((where) =>
        where.whereILike('email', `%${filters.q}%`).orWhereILike('full_name', `%${filters.q}%`)
      )
    }
    const users = await query.paginate(filters.page ?? 1, 25)
    users.baseUrl('/admin/users').queryString({ q: filters.q })
    await AuditTrail.recordNow({
      actorId: actor.id,
      action: 'user_list.viewed',
      ip: request.ip(),
    })
    return view.render('pages/admin/users/index', { users, filters })
  }

  /**
   * A person's page: their roles per organisation (with the forms to change
   * them), whether they may sign in, and every change about them, told from
   * the audit trail.
   */
  async show({ params, view, bouncer, auth, request, i18n }: HttpContext) {
    await bouncer.authorize('managePeople')
    const actor = auth.getUserOrFail()
    const person = await findPersonFor(actor, Number(params.id) || 0)
    const managed = await managedOrganisationIds(actor)
    const shown =
      managed === null
        ? person.memberships
        : person.memberships.filter((m) => managed.includes(m.organisationId))
    const membershipIds = shown.map((membership) => String(membership.id))
    const events = await AuditEvent.query()
      .where((where) => {
        where.where({ subjectType: 'user', subjectId: String(person.id) })
        if (membershipIds.length > 0) {
          where.orWhere((m) =>
            m.where('subjectType', 'membership').whereIn('subjectId', membershipIds)
          )
        }
      })
      .whereNot('action', 'like', '%.viewed')
      .if(managed !== null, (q) =>
        q.where((w) => w.whereNull('organisation_id').orWhereIn('organisation_id', managed ?? []))
      )
      .preload('actor')
      .preload('organisation')
      .orderBy('id', 'desc')
      .limit(100)
    await AuditTrail.recordNow({
      actorId: actor.id,
      action: 'user.viewed',
      subjectType: 'user',
      subjectId: person.id,
      ip: request.ip(),
    })
    // The organisations whose roles the reader may change, with the roles they may give.
    const byOrganisation = new Map<number, (typeof shown)[number]['organisation']>()
    for (const m of shown) byOrganisation.set(m.organisationId, m.organisation)
    const organisations = [...byOrganisation.values()].map((organisation) => {
      const memberships = shown.filter((m) => m.organisationId === organisation.id)
      const assignable = assignableRoles(
        peopleAuthority(actor.memberships, organisation),
        organisation.kind
      )
      return {
        organisation,
        memberships: memberships.map((m) => ({
          membership: m,
          removable: assignable.includes(m.role),
        })),
        managesPeople: memberships.some((m) => m.managesPeople),
        addable: assignable.filter((role) => !memberships.some((m) => m.role === role)),
      }
    })
    // Where the reader may give a new role: every organisation for an administrator.
    const grantable = (
      managed === null
        ? await Organisation.query().orderBy('name')
        : await Organisation.query().whereIn('id', managed).orderBy('name')
    )
      .map((organisation) => ({
        organisation,
        roles: assignableRoles(peopleAuthority(actor.memberships, organisation), organisation.kind),
      }))
      .filter((entry) => entry.roles.length > 0)
    return view.render('pages/admin/users/show', {
      person,
      organisations,
      grantable,
      grantableRoles: [...new Set(grantable.flatMap((entry) => entry.roles))],
      history: events.map((event) => describePersonEvent(event, i18n)),
      invitationPending: await hasPendingInvitation(person.id),
      mayActOnAccount: await bouncer.with(PersonPolicy).allows('actOnAccount', person),
    })
  }
}
