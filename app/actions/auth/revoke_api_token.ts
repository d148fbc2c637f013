import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/**
 * Deletes one API access token of `user`. Returns false when `user` holds
 * no token with that id (another person's token is never touched).
 */
export class RevokeApiToken {
  async handle(user: User, tokenId: number | string, ip: string) {
    const token = await User.accessTokens.find(user, tokenId)
    if (!token) return false
    await User.accessTokens.delete(user, token.identifier)
    await AuditTrail.recordNow({
      actorId: user.id,
      action: 'api_token.revoked',
      subjectType: 'access_token',
      subjectId: String(token.identifier),
      before: { name: token.name },
      ip,
    })
    return true
  }
}
