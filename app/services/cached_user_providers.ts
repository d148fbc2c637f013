import { AccessTokensLucidUserProvider } from '@adonisjs/auth/access_tokens'
import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type { LucidAuthenticatable } from '@adonisjs/auth/types/session'
import type { LucidTokenable } from '@adonisjs/auth/types/access_tokens'

/* Models and the database are imported when a request needs them, not while config loads. */
async function findUser(identifier: string | number | bigint) {
  const { findUserForAuth } = await import('#services/auth_user_rows')
  return findUserForAuth(Number(identifier))
}

/** The token guard's user provider, reading the user through the auth cache (ADR 0018). */
export class CachedTokensUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  async findById(identifier: string | number | bigint) {
    const user = await findUser(identifier)
    return user ? this.createUserForGuard(user as InstanceType<UserModel>) : null
  }
}

/** The session guard's user provider, reading the user through the auth cache (ADR 0018). */
export class CachedSessionUserProvider<
  UserModel extends LucidAuthenticatable,
> extends SessionLucidUserProvider<UserModel> {
  async findById(identifier: string | number | bigint) {
    const user = await findUser(identifier)
    return user ? this.createUserForGuard(user as InstanceType<UserModel>) : null
  }
}
