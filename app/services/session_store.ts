import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import string from '@adonisjs/core/helpers/string'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { stores } from '@adonisjs/session'
import type {
  SessionData,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'

/** The expiry of a session row is pushed forward at most this often. */
export const TOUCH_RESOLUTION_MS = 60_000

/**
 * The stock database store, except that a request which leaves the session
 * unchanged does not write the row's new expiry when the row was given one
 * less than TOUCH_RESOLUTION_MS ago: most page views then only read. The
 * idle timeout of a signed-in session is enforced from the session's own
 * last-seen instant, which has the same resolution (SessionLifetime); the
 * row's expiry only lets the store forget idle rows, at most this much early.
 * Writes (a changed session), tags and deletions go to the stock store.
 */
export class TouchThrottledStore implements SessionStoreWithTaggingContract {
  #expiresAt: number | null = null

  constructor(
    private inner: SessionStoreWithTaggingContract,
    private client: QueryClientContract,
    private tableName: string,
    private ttlMs: number
  ) {}

  async read(sessionId: string): Promise<SessionData | null> {
    const row = await this.client
      .from(this.tableName)
      .where('id', sessionId)
      .select('data', 'expires_at')
      .first()
    if (!row) return null
    const expiresAt = new Date(row.expires_at).getTime()
    if (Date.now() > expiresAt) {
      await this.inner.destroy(sessionId)
      return null
    }
    this.#expiresAt = expiresAt
    try {
      return new MessageBuilder().verify(row.data, sessionId)
    } catch {
      return null
    }
  }

  async touch(sessionId: string) {
    const renewedAgo = this.#expiresAt === null ? null : Date.now() + this.ttlMs - this.#expiresAt
    if (renewedAgo !== null && renewedAgo >= 0 && renewedAgo < TOUCH_RESOLUTION_MS) return
    await this.inner.touch(sessionId)
  }

  write(sessionId: string, data: SessionData) {
    return this.inner.write(sessionId, data)
  }

  destroy(sessionId: string) {
    return this.inner.destroy(sessionId)
  }

  tag(sessionId: string, userId: string | number) {
    return this.inner.tag(sessionId, userId)
  }

  untag(sessionId: string, userId: string | number) {
    return this.inner.untag(sessionId, userId)
  }

  tagged(userId: string | number) {
    return this.inner.tagged(userId)
  }
}

/** `stores.database(...)` with the touch throttled (config/session.ts). */
export function throttledDatabaseStore(config: { tableName: string; gcProbability: number }) {
  return configProvider.create(async (app) => {
    const stock = await stores.database(config).resolver(app)
    const db = await app.container.make('lucid.db')
    return ((ctx, sessionConfig) =>
      new TouchThrottledStore(
        stock(ctx, sessionConfig) as SessionStoreWithTaggingContract,
        db.connection(),
        config.tableName,
        string.seconds.parse(sessionConfig.age) * 1000
      )) satisfies SessionStoreFactory
  })
}
