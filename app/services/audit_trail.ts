import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { canonicalJson, findBreak, GENESIS_HASH, hashEvent } from '#domain/audit_chain'
import AuditEvent, { chainTimestamp } from '#models/audit_event'

export interface AuditEntry {
  actorId: number | null
  organisationId?: number | null
  action: string
  subjectType?: string | null
  subjectId?: string | number | null
  before?: unknown
  after?: unknown
  ip?: string | null
}

/** An arbitrary key for the PostgreSQL advisory lock that serialises appends. */
const APPEND_LOCK_KEY = 7_340_211

/**
 * Appends events to the hash-chained audit trail. Call `record` with the
 * transaction of the change it describes, so both commit or neither does.
 */
export class AuditTrail {
  static async record(trx: TransactionClientContract, entry: AuditEntry) {
    if (trx.dialect.name === 'postgres') {
      await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [APPEND_LOCK_KEY])
    }
    const last = await trx.from('audit_events').select('hash').orderBy('id', 'desc').first()
    const createdAt = DateTime.utc().startOf('second')
    const fields = {
      prevHash: (last?.hash as string | undefined) ?? GENESIS_HASH,
      actorId: entry.actorId,
      organisationId: entry.organisationId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId:
        entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
      beforeJson: entry.before === undefined ? null : canonicalJson(entry.before),
      afterJson: entry.after === undefined ? null : canonicalJson(entry.after),
      ip: entry.ip ?? null,
      createdAt: chainTimestamp(createdAt),
    }
    return AuditEvent.create({ ...fields, createdAt, hash: hashEvent(fields) }, { client: trx })
  }

  /** Records an event in a transaction of its own (views, logins). */
  static async recordNow(entry: AuditEntry) {
    return db.transaction((trx) => AuditTrail.record(trx, entry))
  }

  /**
   * Recomputes the whole chain in pages of `pageSize` rows. Returns the first
   * broken event, or null when every hash matches.
   */
  static async verify(pageSize = 1000) {
    let lastId = 0
    let previousHash = GENESIS_HASH
    let checked = 0
    for (;;) {
      const page = await AuditEvent.query().where('id', '>', lastId).orderBy('id').limit(pageSize)
      if (page.length === 0) return { broken: null, checked }
      const { broken, lastHash } = findBreak(
        page.map((event) => event.toChainedFields()),
        previousHash
      )
      if (broken) return { broken, checked: checked + page.findIndex((e) => e.id === broken.id) }
      checked += page.length
      previousHash = lastHash
      lastId = page[page.length - 1].id
    }
  }
}
