import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  canonicalJson,
  chainStart,
  checkpointSignatureValid,
  compareWithCheckpoint,
  findBreak,
  GENESIS_HASH,
  hmacEvent,
  KEYED_CHAIN_VERSION,
  type ChainBreak,
  type ChainPosition,
  type SignedCheckpoint,
} from '#domain/audit_chain'
import AuditEvent, { chainTimestamp } from '#models/audit_event'
import { auditKey } from '#services/audit_key'

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

/** The outcome of walking the whole chain (and comparing it with a checkpoint). */
export interface ChainVerification {
  broken: ChainBreak | null
  /** Events verified intact, in id order, before the break (all of them when intact). */
  checked: number
  /** The last intact event, and its hash (the genesis value when there is none). */
  lastId: number
  headHash: string
  /** The checkpoint the table was compared with, if any. */
  checkpoint: SignedCheckpoint | null
  /** Only the events after the checkpoint were recomputed (the page's check). */
  sinceCheckpoint: boolean
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
    return AuditEvent.create(
      {
        ...fields,
        createdAt,
        chainVersion: KEYED_CHAIN_VERSION,
        hash: hmacEvent(fields, auditKey()),
      },
      { client: trx }
    )
  }

  /** Records an event in a transaction of its own (views, logins). */
  static async recordNow(entry: AuditEntry) {
    return db.transaction((trx) => AuditTrail.record(trx, entry))
  }

  /**
   * Recomputes the whole chain in pages of `pageSize` rows and, when a
   * checkpoint is given, checks that the table still holds every event it
   * counted, ending in the same head. Returns the first broken event, or
   * null when everything matches.
   */
  static async verify(
    options: { checkpoint?: SignedCheckpoint | null; pageSize?: number } = {}
  ): Promise<ChainVerification> {
    const key = auditKey()
    const checkpoint = options.checkpoint ?? null
    if (checkpoint && !checkpointSignatureValid(checkpoint, key)) {
      return {
        broken: { id: Number(checkpoint.lastId) || 0, reason: 'checkpoint_signature_invalid' },
        checked: 0,
        lastId: 0,
        headHash: GENESIS_HASH,
        checkpoint,
        sinceCheckpoint: false,
      }
    }
    let atCheckpoint: { hash: string; rowCount: number } | null = null
    const walked = await walkChain(key, chainStart, 0, 0, options.pageSize, (event, checked) => {
      if (checkpoint && event.id === checkpoint.lastId) {
        atCheckpoint = { hash: event.hash, rowCount: checked }
      }
    })
    const broken =
      walked.broken ?? (checkpoint ? compareWithCheckpoint(checkpoint, atCheckpoint) : null)
    return { ...walked, broken, checkpoint, sinceCheckpoint: false }
  }

  /**
   * The audit page's check, which must not grow with the table: the events
   * up to a valid signed checkpoint were recomputed by the full `verify` that
   * wrote it (`audit:checkpoint`, scheduled), so only the checkpointed head
   * is compared with the table and the events after it are recomputed. An
   * edit before the checkpoint is found by the next full `verify`. Without a
   * valid checkpoint this is the full `verify`.
   */
  static async verifySinceCheckpoint(
    checkpoint: SignedCheckpoint | null,
    pageSize?: number
  ): Promise<ChainVerification> {
    const key = auditKey()
    if (!checkpoint || checkpoint.rowCount === 0 || !checkpointSignatureValid(checkpoint, key)) {
      return AuditTrail.verify({ checkpoint, pageSize })
    }
    const head = await AuditEvent.find(checkpoint.lastId)
    if (!head || head.hash !== checkpoint.headHash) {
      return {
        broken: {
          id: checkpoint.lastId,
          reason: head ? 'checkpoint_head_mismatch' : 'checkpoint_missing_events',
        },
        checked: 0,
        lastId: 0,
        headHash: GENESIS_HASH,
        checkpoint,
        sinceCheckpoint: true,
      }
    }
    const from = {
      lastHash: head.hash,
      keyedSeen: head.chainVersion === KEYED_CHAIN_VERSION,
    }
    const walked = await walkChain(key, from, head.id, checkpoint.rowCount, pageSize)
    return { ...walked, checkpoint, sinceCheckpoint: true }
  }
}

/**
 * Recomputes the chain after event `afterId` (whose position is `from`) in
 * pages, counting intact events on from `counted`; `onIntact` sees each.
 */
async function walkChain(
  key: Buffer,
  from: ChainPosition,
  afterId: number,
  counted: number,
  pageSize = 1000,
  onIntact?: (event: AuditEvent, checked: number) => void
): Promise<Omit<ChainVerification, 'checkpoint' | 'sinceCheckpoint'>> {
  let position = from
  let checked = counted
  let lastId = afterId
  for (;;) {
    const page = await AuditEvent.query().where('id', '>', lastId).orderBy('id').limit(pageSize)
    if (page.length === 0) break
    const walked = findBreak(
      page.map((event) => event.toChainedFields()),
      key,
      position
    )
    const intact = walked.broken ? page.findIndex((e) => e.id === walked.broken!.id) : page.length
    for (const event of page.slice(0, intact)) {
      checked++
      lastId = event.id
      onIntact?.(event, checked)
    }
    position = walked
    if (walked.broken)
      return { broken: walked.broken, checked, lastId, headHash: position.lastHash }
  }
  return { broken: null, checked, lastId, headHash: position.lastHash }
}
