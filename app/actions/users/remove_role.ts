import db from '@adonisjs/lucid/services/db'
import { rolesIn } from '#domain/roles'
import { isLastAdministrator } from '#domain/people'
import { otherActiveAdministrators } from '#actions/users/administrators'
import PeopleConflictException from '#exceptions/people_conflict_exception'
import Membership from '#models/membership'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { PeopleMails } from '#services/people_mails'

/**
 * Removes one role (a membership) of a person. The last active
 * administrator keeps the admin role (409). Audited with the person's roles
 * in that organisation before and after; the person is told by email.
 */
export class RemoveRole {
  async handle(membership: Membership, by: User, ip: string | null) {
    const result = await db.transaction(async (trx) => {
      const person = await User.query({ client: trx })
        .where('id', membership.userId)
        .forUpdate()
        .firstOrFail()
      const locked = await Membership.query({ client: trx })
        .where('id', membership.id)
        .preload('organisation')
        .forUpdate()
        .firstOrFail()
      if (locked.role === 'admin' && person.isActive) {
        if (isLastAdministrator(await otherActiveAdministrators(trx, person.id))) {
          throw new PeopleConflictException('last_admin')
        }
      }
      const held = await Membership.query({ client: trx }).where({
        userId: person.id,
        organisationId: locked.organisationId,
      })
      const before = rolesIn(held, locked.organisationId)
      const after = rolesIn(
        held.filter((m) => m.id !== locked.id),
        locked.organisationId
      )
      await locked.useTransaction(trx).delete()
      const organisation = locked.organisation
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: organisation.id,
        action: 'membership.role_removed',
        subjectType: 'user',
        subjectId: person.id,
        before: { membershipId: locked.id, organisation: organisation.name, roles: before },
        after: { organisation: organisation.name, roles: after, removed: locked.role },
        ip,
      })
      return { person, organisation, role: locked.role, after }
    })
    await PeopleMails.roleChanged(result.person, 'role_removed', {
      by: by.fullName,
      organisation: result.organisation.name,
      role: result.role,
      rolesAfter: result.after,
    })
    return result
  }
}
