import { createHash } from 'node:crypto'

/**
 * The hash chain of the audit trail. Each event's hash covers the previous
 * event's hash and the event's own fields, so editing, inserting or deleting
 * any row breaks every hash after it.
 */
export const GENESIS_HASH = '0'.repeat(64)

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

export function hashEvent(fields: ChainedFields): string {
  const payload = JSON.stringify([
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
  ])
  return createHash('sha256').update(payload).digest('hex')
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

export type ChainBreak = { id: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' }

/**
 * Walks events in id order and returns the first one whose stored hashes do
 * not match the recomputed chain, or null when the chain is intact.
 * `previousHash` lets a caller verify the chain in pages.
 */
export function findBreak(
  events: Iterable<ChainedFields & { id: number; hash: string }>,
  previousHash = GENESIS_HASH
): { broken: ChainBreak | null; lastHash: string } {
  let expectedPrev = previousHash
  for (const event of events) {
    if (event.prevHash !== expectedPrev) {
      return { broken: { id: event.id, reason: 'prev_hash_mismatch' }, lastHash: expectedPrev }
    }
    if (hashEvent(event) !== event.hash) {
      return { broken: { id: event.id, reason: 'hash_mismatch' }, lastHash: expectedPrev }
    }
    expectedPrev = event.hash
  }
  return { broken: null, lastHash: expectedPrev }
}
