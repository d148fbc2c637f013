import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { PeopleMails } from '#services/people_mails'
import { AuthCache } from '#services/auth_cache'

/**
 * Lets a member manage the people of their organisation, or stops it
 * (ADR 0020). The flag is set on every membership the person holds there;
 * audited before and after, and the person is told by email.
 */
export class SetPeopleManager {
  async handle(
    input: { userId: number; organisationId: number; managesPeople: boolean },
    by: User,
    ip: string | null
  ) {
    const result = await db.transaction(async (trx) => {
      const person = await User.query({ client: trx })
        .where('id', input.userId)
        .forUpdate()
        .firstOrFail()
      const organisation = await Organisation.findOrFail(input.organisationId, { client: trx })
      const held = await Membership.query({ client: trx })
        .where({ userId: person.id, organisationId: organisation.id })
        .forUpdate()
      if (held.length === 0) {
        throw new DomainConflictException('ux.conflicts.this_person_holds_no_role_in_this')
      }
      const before = held.some((m) => m.managesPeople)
      if (before === input.managesPeople) {
        throw new DomainConflictException('ux.conflicts.nothing_to_change')
      }
      await Membership.query({ client: trx })
        .where({ userId: person.id, organisationId: organisation.id })
        .update({ managesPeople: input.managesPeople })
      // A bulk update runs no model hook: the next request must read the new flag.
      AuthCache.forgetUser(person.id, trx)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: organisation.id,
        action: input.managesPeople
          ? 'membership.people_manager_granted'
          : 'membership.people_manager_withdrawn',
        subjectType: 'user',
        subjectId: person.id,
        before: { organisation: organisation.name, managesPeople: before },
        after: { organisation: organisation.name, managesPeople: input.managesPeople },
        ip,
      })
      return { person, organisation }
    })
    await PeopleMails.send(
      result.person,
      input.managesPeople ? 'manager_granted' : 'manager_withdrawn',
      { by: by.fullName, organisation: result.organisation.name }
    )
    return result
  }
}
