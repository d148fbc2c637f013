import User from '#models/user'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import { AuthCache } from '#services/auth_cache'

/**
 * The signed-in user with memberships and organisations loaded, built from
 * the rows the auth cache holds: fresh model instances for every request.
 */
export async function findUserForAuth(userId: number): Promise<User | null> {
  if (!AuthCache.enabled) return User.find(userId)
  const rows = await AuthCache.userRows(userId)
  if (!rows) return null
  const user = User.$createFromAdapterResult(rows.user)!
  const organisations = new Map(
    rows.organisations.map((row) => [Number(row.id), Organisation.$createFromAdapterResult(row)!])
  )
  const memberships = rows.memberships.map((row) => {
    const membership = Membership.$createFromAdapterResult(row)!
    membership.$setRelated('organisation', organisations.get(Number(row.organisation_id))!)
    return membership
  })
  user.$setRelated('memberships', memberships)
  return user
}
