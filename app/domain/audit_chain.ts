import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The hash chain of the audit trail. Each event's hash covers the previous
 * event's hash and the event's own fields, so editing, inserting or deleting
 * any row breaks every hash after it.
 *
 * Two versions of the rule exist (ADR 0005, ADR 0012):
 * - 1, legacy: `SHA-256(payload)`. Anyone can recompute it, so it only
 *   catches edits made without recomputing the later hashes.
 * - 2, keyed: `HMAC-SHA256(key, payload)` where the payload also names the
 *   version. Without the key nobody can recompute a valid chain, append a
 *   valid event, or sign a checkpoint.
 * A chain may start with version-1 rows (written before the key existed);
 * once a version-2 row appears, every later row must be version 2.
 */
export const GENESIS_HASH = '0'.repeat(64)

export const LEGACY_CHAIN_VERSION = 1
export const KEYED_CHAIN_VERSION = 2
export type ChainVersion = typeof LEGACY_CHAIN_VERSION | typeof KEYED_CHAIN_VERSION

export interface ChainedFields {
  prevHash: string
  actorId: number | null
  organisationId: number | null
  action: string
  subjectType: string | null
  subjectId: string | null
  beforeJson: string | null
  afterJson: string | null
  ip: string | null
  /** ISO 8601 in UTC, second precision: `2026-11-28T04:25:00Z`. */
  createdAt: string
}

export type StoredEvent = ChainedFields & { id: number; hash: string; chainVersion: number }

function fieldList(fields: ChainedFields) {
  return [
    fields.prevHash,
    fields.actorId,
    fields.organisationId,
    fields.action,
    fields.subjectType,
    fields.subjectId,
    fields.beforeJson,
    fields.afterJson,
    fields.ip,
    fields.createdAt,
  ]
}

/** Version 1 (legacy, unkeyed). Kept only to verify rows written before the key existed. */
export function hashEvent(fields: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify(fieldList(fields)))
    .digest('hex')
}

/** Version 2: HMAC-SHA256 under the audit key; the version is part of the payload. */
export function hmacEvent(fields: ChainedFields, key: Buffer): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([KEYED_CHAIN_VERSION, ...fieldList(fields)]))
    .digest('hex')
}

/**
 * JSON with object keys sorted at every level, so that the same value
 * always gives the same text (and the same hash). BigInts become strings.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value === undefined) return null
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) sorted[key] = sortKeys(item)
    }
    return sorted
  }
  return value
}

export type ChainBreakReason =
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'version_downgrade'
  | 'checkpoint_missing_events'
  | 'checkpoint_head_mismatch'
  | 'checkpoint_signature_invalid'

export type ChainBreak = { id: number; reason: ChainBreakReason }

/** Where a walk of the chain stands between pages. */
export interface ChainPosition {
  lastHash: string
  /** True once a version-2 row has been seen: no version-1 row may follow. */
  keyedSeen: boolean
}

export const chainStart: ChainPosition = { lastHash: GENESIS_HASH, keyedSeen: false }

function sameHex(a: string, b: string) {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Walks events in id order and returns the first one whose stored hashes do
 * not match the recomputed chain, or null when the chain is intact.
 * `from` lets a caller verify the chain in pages.
 */
export function findBreak(
  events: Iterable<StoredEvent>,
  key: Buffer,
  from: ChainPosition = chainStart
): { broken: ChainBreak | null } & ChainPosition {
  let { lastHash, keyedSeen } = from
  for (const event of events) {
    const stop = (reason: ChainBreakReason) => ({
      broken: { id: event.id, reason },
      lastHash,
      keyedSeen,
    })
    if (event.prevHash !== lastHash) return stop('prev_hash_mismatch')
    if (event.chainVersion === KEYED_CHAIN_VERSION) {
      if (!sameHex(hmacEvent(event, key), event.hash)) return stop('hash_mismatch')
      keyedSeen = true
    } else if (event.chainVersion === LEGACY_CHAIN_VERSION) {
      if (keyedSeen) return stop('version_downgrade')
      if (hashEvent(event) !== event.hash) return stop('hash_mismatch')
    } else {
      return stop('hash_mismatch')
    }
    lastHash = event.hash
  }
  return { broken: null, lastHash, keyedSeen }
}

/** What a checkpoint anchors: the chain's length and head at one moment. */
export interface CheckpointBody {
  rowCount: number
  lastId: number
  headHash: string
  /** ISO 8601 in UTC. */
  createdAt: string
}

export interface SignedCheckpoint extends CheckpointBody {
  format: 'audit-checkpoint/1'
  signature: string
}

/** The checkpoint's signature: HMAC-SHA256 under the audit key, domain-separated from event hashes. */
export function signCheckpoint(body: CheckpointBody, key: Buffer): SignedCheckpoint {
  return { format: 'audit-checkpoint/1', ...pickBody(body), signature: checkpointMac(body, key) }
}

export function checkpointSignatureValid(checkpoint: SignedCheckpoint, key: Buffer) {
  return (
    checkpoint.format === 'audit-checkpoint/1' &&
    typeof checkpoint.signature === 'string' &&
    sameHex(checkpointMac(checkpoint, key), checkpoint.signature)
  )
}

function pickBody(body: CheckpointBody): CheckpointBody {
  return {
    rowCount: body.rowCount,
    lastId: body.lastId,
    headHash: body.headHash,
    createdAt: body.createdAt,
  }
}

function checkpointMac(body: CheckpointBody, key: Buffer) {
  return createHmac('sha256', key)
    .update(`audit-checkpoint/1\n${canonicalJson(pickBody(body))}`)
    .digest('hex')
}

/**
 * Compares the chain as it is now with a checkpoint taken earlier.
 * `atCheckpoint` is what the verified walk found at the checkpoint's last id:
 * that event's hash and how many events the table holds up to and including
 * it, or null when that event is gone.
 */
export function compareWithCheckpoint(
  checkpoint: CheckpointBody,
  atCheckpoint: { hash: string; rowCount: number } | null
): ChainBreak | null {
  if (checkpoint.rowCount === 0) return null
  if (atCheckpoint === null || atCheckpoint.rowCount < checkpoint.rowCount) {
    // The checkpointed head is gone: the tail was deleted, or the table emptied.
    return { id: checkpoint.lastId, reason: 'checkpoint_missing_events' }
  }
  if (atCheckpoint.hash !== checkpoint.headHash || atCheckpoint.rowCount !== checkpoint.rowCount) {
    return { id: checkpoint.lastId, reason: 'checkpoint_head_mismatch' }
  }
  return null
}
