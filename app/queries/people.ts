import { errors } from '@adonisjs/lucid'
import { peopleAuthority } from '#domain/people'
import User from '#models/user'
import PersonPolicy from '#policies/person_policy'

/**
 * The organisations whose people `actor` manages: `null` for every one (an
 * administrator), otherwise the ids (ADR 0020).
 */
export async function managedOrganisationIds(actor: User): Promise<number[] | null> {
  await actor.loadMemberships()
  if (actor.hasRole('admin')) return null
  return [
    ...new Set(
      actor.memberships
        .filter((m) => peopleAuthority(actor.memberships, m.organisation) !== null)
        .map((m) => m.organisationId)
    ),
  ]
}

/**
 * A person as `actor` may see them, with their memberships and organisations;
 * someone outside the organisations the actor manages does not exist for
 * them (404, ADR 0004).
 */
export async function findPersonFor(actor: User, id: number) {
  await actor.loadMemberships()
  const person = await User.query()
    .where('id', id)
    .preload('memberships', (memberships) => memberships.preload('organisation').orderBy('id'))
    .first()
  if (!person || !new PersonPolicy().view(actor, person)) {
    throw new errors.E_ROW_NOT_FOUND(User)
  }
  return person
}

/** The people of the organisations `actor` manages, for the list page. */
export function peopleQueryFor(managed: number[] | null) {
  const query = User.query()
  if (managed !== null) {
    query.whereIn('id', (sub) =>
      sub.from('memberships').select('user_id').whereIn('organisation_id', managed)
    )
  }
  return query
}
