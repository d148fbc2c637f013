import db from '@adonisjs/lucid/services/db'
import type { Role } from '#domain/roles'
import { rolesIn } from '#domain/roles'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { PeopleMails } from '#services/people_mails'

export type AddRoleResult =
  { ok: true; membership: Membership } | { ok: false; reason: 'already_holds' }

/**
 * Gives a person a role in an organisation (who may is the PersonPolicy's
 * question, asked before). Audited with the person's roles in that
 * organisation before and after; the person is told by email.
 */
export class AddRole {
  async handle(
    input: { userId: number; organisationId: number; role: Role },
    by: User,
    ip: string | null
  ): Promise<AddRoleResult> {
    const result = await db.transaction(async (trx) => {
      const person = await User.query({ client: trx })
        .where('id', input.userId)
        .forUpdate()
        .firstOrFail()
      const organisation = await Organisation.findOrFail(input.organisationId, { client: trx })
      const held = await Membership.query({ client: trx }).where({
        userId: person.id,
        organisationId: organisation.id,
      })
      if (held.some((m) => m.role === input.role)) {
        return { ok: false as const, reason: 'already_holds' as const }
      }
      const membership = await Membership.create(
        {
          userId: person.id,
          organisationId: organisation.id,
          role: input.role,
          invitedById: by.id,
          managesPeople: held.some((m) => m.managesPeople),
        },
        { client: trx }
      )
      const before = rolesIn(held, organisation.id)
      const after = [...before, input.role]
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: organisation.id,
        action: 'membership.role_added',
        subjectType: 'user',
        subjectId: person.id,
        before: { organisation: organisation.name, roles: before },
        after: {
          membershipId: membership.id,
          organisation: organisation.name,
          roles: after,
          added: input.role,
        },
        ip,
      })
      return { ok: true as const, membership, person, organisation, after }
    })
    if (!result.ok) return result
    await PeopleMails.roleChanged(result.person, 'role_added', {
      by: by.fullName,
      organisation: result.organisation.name,
      role: input.role,
      rolesAfter: result.after,
    })
    return { ok: true, membership: result.membership }
  }
}
