import User from '#models/user'
import { abilitiesFor, defaultTokenDays, type TokenScope } from '#domain/api_tokens'
import { AuditTrail } from '#services/audit_trail'

export interface NewApiToken {
  name: string
  scope: TokenScope
  expiresInDays?: number
}

/**
 * Issues a named API access token for `user` with a scope and an expiry.
 * Returns the secret value, which is shown once and stored only hashed.
 */
export class CreateApiToken {
  async handle(user: User, token: NewApiToken, ip: string) {
    const days = token.expiresInDays ?? defaultTokenDays
    const created = await User.accessTokens.create(user, abilitiesFor(token.scope), {
      name: token.name,
      expiresIn: `${days} days`,
    })
    await AuditTrail.recordNow({
      actorId: user.id,
      action: 'api_token.created',
      subjectType: 'access_token',
      subjectId: String(created.identifier),
      after: { name: token.name, scope: token.scope, expiresInDays: days },
      ip,
    })
    return { identifier: created.identifier, value: created.value!.release() }
  }
}
