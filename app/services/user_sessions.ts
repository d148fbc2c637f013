import app from '@adonisjs/core/services/app'
import { SessionCollection } from '@adonisjs/session'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import { AuthCache } from '#services/auth_cache'

/**
 * Ends what a person's old credentials opened: their web sessions (every
 * session the login tagged with the user's id) and their API tokens.
 */
export class UserSessions {
  /**
   * Destroys every web session of `user` except `keepSessionId` (the one
   * making the change). Returns how many were ended. A store that cannot
   * list sessions per user (the cookie store) ends none.
   */
  static async endOthers(user: User, keepSessionId?: string) {
    const sessions = await app.container.make(SessionCollection)
    if (!sessions.supportsTagging()) return 0
    let ended = 0
    for (const session of await sessions.tagged(String(user.id))) {
      if (session.id === keepSessionId) continue
      await sessions.destroy(session.id)
      ended++
    }
    return ended
  }

  /** Deletes every API access token of `user`; returns how many. */
  static async revokeTokens(user: User, trx: TransactionClientContract) {
    const deleted = await trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
    AuthCache.forgetUser(user.id, trx)
    return Number(Array.isArray(deleted) ? deleted[0] : deleted)
  }
}
