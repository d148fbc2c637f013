import type { ApplicationService } from '@adonisjs/core/types'
import env from '#start/env'

/** What knex reports of a statement it is about to run (its `query` event). */
export interface ObservedQuery {
  sql: string
  /** The connection. */
  __knexUid?: string
  /** The transaction, when the statement runs in one. */
  __knexTxId?: string
}

/** An emitter of knex's `query` and `query-response` events (a knex instance). */
interface QueryEvents {
  on(event: 'query', listener: (query: ObservedQuery) => void): unknown
  on(event: 'query-response', listener: (response: unknown, query: ObservedQuery) => void): unknown
}

/**
 * Tables whose writes change no figure: the session rows, the tokens' last-used
 * time, the rate limiter's counters. Every other write changes the data version.
 */
const bookkeeping = new Set(['sessions', 'auth_access_tokens', 'rate_limits'])

/** Statements that read or steer a transaction; everything else is a write. */
const notWrite = /^\s*(?:select|pragma|begin|savepoint|set|show|explain|values)\b/i
const ending = /^\s*(?:commit|rollback|release\s+savepoint)\b/i
const target =
  /^\s*(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update|delete\s+from)\s+["`]?(\w+)/i

/**
 * The version of the data as this process wrote it (ADR 0034): a counter that
 * every write statement moves on, whatever its table (except the bookkeeping
 * above), whether it came from a model, the query builder or raw SQL. It moves
 * when the statement is sent, when it has run, and again when the transaction
 * that wrote ends (commit or rollback, savepoints included), so that a figure
 * read while a transaction was open is not kept once its changes are visible.
 */
export class DataVersion {
  static #value = 0
  /**
   * Connections (knex ids) inside a transaction that wrote, until it ends. By
   * connection, not by transaction id: knex leaves a nested transaction's id
   * on the connection after it ends, so the outer COMMIT may carry it.
   */
  static #dirty = new Set<string>()
  static #watched = new WeakSet<object>()

  static get current() {
    return DataVersion.#value
  }

  /** Moves the version on: every cached figure is read again. */
  static bump() {
    DataVersion.#value++
  }

  /** Follows the statements of a knex instance (once per instance). */
  static watch(knex: QueryEvents | undefined) {
    if (!knex || DataVersion.#watched.has(knex)) return
    DataVersion.#watched.add(knex)
    knex.on('query', (query) => DataVersion.observe(query))
    knex.on('query-response', (_response, query) => {
      if (DataVersion.#isWrite(query.sql ?? '')) DataVersion.bump()
    })
  }

  /** One statement about to run. */
  static observe(query: ObservedQuery) {
    const sql = query.sql ?? ''
    const connection = query.__knexUid
    if (ending.test(sql)) {
      if (connection !== undefined && DataVersion.#dirty.has(connection)) {
        DataVersion.bump()
        /* A savepoint released or rolled back leaves the outer transaction open. */
        if (!/savepoint/i.test(sql)) DataVersion.#dirty.delete(connection)
      }
      return
    }
    if (!DataVersion.#isWrite(sql)) return
    DataVersion.bump()
    if (query.__knexTxId !== undefined && connection !== undefined) {
      if (DataVersion.#dirty.size > 10_000) DataVersion.#dirty.clear()
      DataVersion.#dirty.add(connection)
    }
  }

  static #isWrite(sql: string) {
    if (notWrite.test(sql) || ending.test(sql)) return false
    const table = target.exec(sql)?.[1]
    return table === undefined || !bookkeeping.has(table.toLowerCase())
  }
}

type Entry = { value: Promise<unknown>; version: number; at: number }

/** Entries kept before the oldest is dropped. */
const MAX_ENTRIES = 1_000

/**
 * Figures computed from the whole programme (the handover plan) kept in the
 * process by the data version they were read at (ADR 0034). Any write moves
 * the version on, so the next read computes afresh; readers that ask at the
 * same version while the figure is being computed share that computation.
 * A figure whose computation saw the version move is not kept. Another
 * process's writes are seen within FIGURE_CACHE_SECONDS (0 turns it off).
 */
export class FigureCache {
  static ttlMs = (env.get('FIGURE_CACHE_SECONDS') ?? 10) * 1000

  static #entries = new Map<string, Entry>()

  static get enabled() {
    return FigureCache.ttlMs > 0
  }

  /** The figure under `key` at the current data version, from the cache or `load`. */
  static read<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!FigureCache.enabled) return load()
    const version = DataVersion.current
    const cached = FigureCache.#entries.get(key)
    if (cached && cached.version === version && Date.now() - cached.at < FigureCache.ttlMs) {
      return cached.value as Promise<T>
    }
    const value = load()
    const entry: Entry = { value, version, at: Date.now() }
    if (FigureCache.#entries.size >= MAX_ENTRIES) {
      FigureCache.#entries.delete(FigureCache.#entries.keys().next().value as string)
    }
    FigureCache.#entries.set(key, entry)
    value.then(
      () => {
        /* Read while the data moved: not kept (a reader that shared it saw the same). */
        if (DataVersion.current !== version) FigureCache.#forget(key, entry)
      },
      () => FigureCache.#forget(key, entry)
    )
    return value
  }

  static #forget(key: string, entry: Entry) {
    if (FigureCache.#entries.get(key) === entry) FigureCache.#entries.delete(key)
  }

  static forgetAll() {
    FigureCache.#entries.clear()
  }
}

/**
 * Follows the writes of every database connection of the app: those open
 * now and those opened later (Lucid connects on first use).
 */
export async function watchDataWrites(app: ApplicationService) {
  const emitter = await app.container.make('emitter')
  emitter.on('db:connection:connect', (connection) =>
    DataVersion.watch(connection.client as QueryEvents | undefined)
  )
  const db = await app.container.make('lucid.db')
  for (const node of db.manager.connections.values()) {
    DataVersion.watch(node.connection?.client as QueryEvents | undefined)
  }
}
