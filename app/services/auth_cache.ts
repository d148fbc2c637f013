import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessTokenDbColumns } from '@adonisjs/auth/types/access_tokens'
import env from '#start/env'

type Row = Record<string, unknown>

/** What signing a request in needs of a person: their row, memberships and organisations. */
type UserRows = { user: Row; memberships: Row[]; organisations: Row[] }

type Entry<T> = { value: T; at: number }

/** Entries kept before the oldest are dropped. */
const MAX_ENTRIES = 10_000

/**
 * A short-lived, in-process cache of what every authenticated request reads
 * (ADR 0018): access-token rows by identifier and, per user, the user row
 * with the memberships and their organisations. It holds database rows, never
 * model instances, so each request hydrates models of its own.
 *
 * Revocation acts at once in this process: every write that changes what
 * these rows say (token deleted, user saved or deactivated, membership or
 * organisation changed) calls `forgetUser`/`forgetAll`, at the write and
 * again when its transaction commits. A read that started before an
 * invalidation is not stored (the generation counter). Other processes see
 * the change within AUTH_CACHE_SECONDS (0 turns the cache off).
 */
export class AuthCache {
  static ttlMs = (env.get('AUTH_CACHE_SECONDS') ?? 10) * 1000

  static #tokens = new Map<string, Entry<AccessTokenDbColumns>>()
  static #users = new Map<number, Entry<UserRows>>()
  static #generation = 0

  static get enabled() {
    return AuthCache.ttlMs > 0
  }

  static #fresh<T>(entry: Entry<T> | undefined) {
    return entry !== undefined && Date.now() - entry.at < AuthCache.ttlMs
  }

  static #store<K, T>(map: Map<K, Entry<T>>, key: K, value: T, generation: number) {
    if (!AuthCache.enabled || generation !== AuthCache.#generation) return
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K)
    map.set(key, { value, at: Date.now() })
  }

  /** The token row with this identifier, from the cache or the database. */
  static async tokenRow(
    identifier: string | number,
    load: () => Promise<AccessTokenDbColumns | null>
  ) {
    const key = String(identifier)
    const cached = AuthCache.#tokens.get(key)
    if (AuthCache.#fresh(cached)) return cached!.value
    const generation = AuthCache.#generation
    const row = await load()
    if (row) AuthCache.#store(AuthCache.#tokens, key, row, generation)
    return row
  }

  /** The rows of a user, their memberships (by id) and those memberships' organisations. */
  static async userRows(userId: number): Promise<UserRows | null> {
    const cached = AuthCache.#users.get(userId)
    if (AuthCache.#fresh(cached)) return cached!.value
    const generation = AuthCache.#generation
    const user = await db.from('users').where('id', userId).first()
    if (!user) return null
    const memberships = await db.from('memberships').where('user_id', userId).orderBy('id')
    const organisationIds = [...new Set(memberships.map((m) => m.organisation_id))]
    const organisations =
      organisationIds.length === 0
        ? []
        : await db.from('organisations').whereIn('id', organisationIds)
    const rows = { user, memberships, organisations }
    AuthCache.#store(AuthCache.#users, userId, rows, generation)
    return rows
  }

  /** Forgets a user's rows and tokens, now and when `trx` (if any) commits. */
  static forgetUser(userId: number, trx?: TransactionClientContract | null) {
    AuthCache.#generation++
    AuthCache.#users.delete(userId)
    for (const [key, entry] of AuthCache.#tokens) {
      if (Number(entry.value.tokenable_id) === Number(userId)) AuthCache.#tokens.delete(key)
    }
    trx?.after('commit', () => AuthCache.forgetUser(userId))
  }

  /** Forgets one token, now and when `trx` (if any) commits. */
  static forgetToken(identifier: string | number, trx?: TransactionClientContract | null) {
    AuthCache.#generation++
    AuthCache.#tokens.delete(String(identifier))
    trx?.after('commit', () => AuthCache.forgetToken(identifier))
  }

  /** Forgets everything (an organisation changed; tests between cases). */
  static forgetAll(trx?: TransactionClientContract | null) {
    AuthCache.#generation++
    AuthCache.#users.clear()
    AuthCache.#tokens.clear()
    trx?.after('commit', () => AuthCache.forgetAll())
  }

  /** Keeps a cached token's last-used time in step with the row just written. */
  static touchToken(identifier: string | number, lastUsedAt: Date) {
    const cached = AuthCache.#tokens.get(String(identifier))
    if (cached) cached.value.last_used_at = lastUsedAt
  }
}
