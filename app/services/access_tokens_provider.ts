import type { Secret } from '@adonisjs/core/helpers'
import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { AccessTokenDbColumns } from '@adonisjs/auth/types/access_tokens'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import { AuthCache } from '#services/auth_cache'

/** A token's last-used time is kept to this precision: at most one write per token per window. */
export const LAST_USED_PRECISION_MS = 5 * 60 * 1000

/**
 * The database token provider with two changes to `verify`: the secret and
 * the expiry are checked before anything is written, and the last-used time
 * is written only when the stored one is older than LAST_USED_PRECISION_MS.
 * A read request with a token then reads the token row and writes nothing
 * (the stock provider writes the row on every request). The row comes
 * through the auth cache (ADR 0018); deleting a token forgets it there.
 */
export class ThrottledAccessTokensProvider<
  TokenableModel extends LucidModel,
> extends DbAccessTokensProvider<TokenableModel> {
  async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const client = await this.getDb()
    const row = await AuthCache.tokenRow(decoded.identifier, async () => {
      const found: AccessTokenDbColumns | null = await client
        .query()
        .from(this.table)
        .where({ id: decoded.identifier, type: this.type })
        .limit(1)
        .first()
      return found
    })
    if (!row || row.type !== this.type) return null
    const token = this.dbRowToAccessToken(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null

    const now = new Date()
    const last = token.lastUsedAt ? new Date(token.lastUsedAt).getTime() : null
    if (last === null || Number.isNaN(last) || now.getTime() - last >= LAST_USED_PRECISION_MS) {
      await client
        .from(this.table)
        .where({ id: row.id, type: row.type })
        .update({ last_used_at: now })
      token.lastUsedAt = now
      AuthCache.touchToken(decoded.identifier, now)
    }
    return token
  }

  async delete(user: InstanceType<TokenableModel>, identifier: string | number | BigInt) {
    AuthCache.forgetToken(String(identifier))
    const deleted = await super.delete(user, identifier)
    AuthCache.forgetToken(String(identifier))
    return deleted
  }

  async deleteAll(user: InstanceType<TokenableModel>) {
    const userId = Number(user.$primaryKeyValue)
    AuthCache.forgetUser(userId)
    const deleted = await super.deleteAll(user)
    AuthCache.forgetUser(userId)
    return deleted
  }

  async invalidate(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (decoded) AuthCache.forgetToken(decoded.identifier)
    const invalidated = await super.invalidate(tokenValue)
    if (decoded) AuthCache.forgetToken(decoded.identifier)
    return invalidated
  }
}
