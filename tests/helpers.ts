import type { OrganisationKind, Role } from '#domain/roles'
import Membership from '#models/membership'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { UserFactory } from '#database/factories/user_factory'

export { TEST_PASSWORD } from '#database/factories/user_factory'

/** An organisation of a kind (an NGO by default). */
export async function makeOrganisation(kind: OrganisationKind = 'ngo', name?: string) {
  return OrganisationFactory.merge({ kind, ...(name ? { name } : {}) }).create()
}

/** A user holding `role` in `organisation`, memberships loaded. */
export async function makeMember(
  organisation: Organisation,
  role: Role,
  email?: string
): Promise<User> {
  const user = await UserFactory.merge(email ? { email } : {}).create()
  await Membership.create({ userId: user.id, organisationId: organisation.id, role })
  await user.loadMemberships()
  return user
}
