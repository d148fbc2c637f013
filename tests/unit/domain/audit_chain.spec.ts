import { test } from '@japa/runner'
import {
  canonicalJson,
  checkpointSignatureValid,
  compareWithCheckpoint,
  findBreak,
  GENESIS_HASH,
  hashEvent,
  hmacEvent,
  signCheckpoint,
  type ChainedFields,
  type StoredEvent,
} from '#domain/audit_chain'

const key = Buffer.from('k'.repeat(32))
const otherKey = Buffer.from('x'.repeat(32))

/** A chain of `count` events: the first `legacy` use the unkeyed rule, the rest the keyed one. */
function chain(count: number, legacy = 0, hmacKey = key) {
  const events: StoredEvent[] = []
  let prevHash = GENESIS_HASH
  for (let id = 1; id <= count; id++) {
    const fields: ChainedFields = {
      prevHash,
      actorId: id,
      organisationId: null,
      action: `test.${id}`,
      subjectType: 'thing',
      subjectId: String(id),
      beforeJson: null,
      afterJson: canonicalJson({ n: id }),
      ip: '127.0.0.1',
      createdAt: '2026-11-28T04:25:00Z',
    }
    const chainVersion = id <= legacy ? 1 : 2
    const hash = chainVersion === 1 ? hashEvent(fields) : hmacEvent(fields, hmacKey)
    events.push({ ...fields, id, hash, chainVersion })
    prevHash = hash
  }
  return events
}

/** Recomputes every hash from `from` on, as someone without the key would. */
function recompute(events: StoredEvent[], from: number, rule: (f: ChainedFields) => string) {
  let prevHash = from === 0 ? GENESIS_HASH : events[from - 1].hash
  for (const event of events.slice(from)) {
    event.prevHash = prevHash
    event.hash = rule(event)
    prevHash = event.hash
  }
}

test.group('Audit chain', () => {
  test('canonical JSON sorts keys at every level', ({ assert }) => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } }),
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}'
    )
    assert.equal(canonicalJson({ big: 12n, gone: undefined }), '{"big":"12"}')
  })

  test('an intact keyed chain has no break', ({ assert }) => {
    assert.isNull(findBreak(chain(5), key).broken)
  })

  test('legacy rows followed by keyed rows verify', ({ assert }) => {
    const walked = findBreak(chain(5, 2), key)
    assert.isNull(walked.broken)
    assert.isTrue(walked.keyedSeen)
  })

  test('an edited event breaks at that event', ({ assert }) => {
    const events = chain(5)
    events[2].afterJson = canonicalJson({ n: 999 })
    assert.deepEqual(findBreak(events, key).broken, { id: 3, reason: 'hash_mismatch' })
  })

  test('a removed event breaks at the next one', ({ assert }) => {
    const events = chain(5)
    events.splice(1, 1)
    assert.deepEqual(findBreak(events, key).broken, { id: 3, reason: 'prev_hash_mismatch' })
  })

  test('a keyed chain checked with another key breaks at its first keyed event', ({ assert }) => {
    assert.deepEqual(findBreak(chain(4, 2), otherKey).broken, { id: 3, reason: 'hash_mismatch' })
  })

  test('an edit with the later hashes recomputed without the key is found', ({ assert }) => {
    const guessed = chain(5)
    guessed[2].afterJson = canonicalJson({ n: 999 })
    recompute(guessed, 2, (f) => hmacEvent(f, otherKey))
    assert.deepEqual(findBreak(guessed, key).broken, { id: 3, reason: 'hash_mismatch' })

    const downgraded = chain(5)
    downgraded[2].afterJson = canonicalJson({ n: 999 })
    for (const event of downgraded.slice(2)) event.chainVersion = 1
    recompute(downgraded, 2, hashEvent)
    assert.deepEqual(findBreak(downgraded, key).broken, { id: 3, reason: 'version_downgrade' })
  })

  test('an unknown chain version is a break', ({ assert }) => {
    const events = chain(3)
    events[1].chainVersion = 3
    assert.deepEqual(findBreak(events, key).broken, { id: 2, reason: 'hash_mismatch' })
  })

  test('a checkpoint is signed with the key and any change voids the signature', ({ assert }) => {
    const body = {
      rowCount: 5,
      lastId: 5,
      headHash: 'a'.repeat(64),
      createdAt: '2026-12-03T07:00:00Z',
    }
    const signed = signCheckpoint(body, key)
    assert.isTrue(checkpointSignatureValid(signed, key))
    assert.isFalse(checkpointSignatureValid(signed, otherKey))
    assert.isFalse(checkpointSignatureValid({ ...signed, rowCount: 3 }, key))
    assert.isFalse(checkpointSignatureValid({ ...signed, signature: '' }, key))
  })

  test('a checkpoint finds missing events and a head it does not anchor', ({ assert }) => {
    const body = {
      rowCount: 5,
      lastId: 7,
      headHash: 'a'.repeat(64),
      createdAt: '2026-12-03T07:00:00Z',
    }
    assert.isNull(compareWithCheckpoint(body, { hash: 'a'.repeat(64), rowCount: 5 }))
    assert.deepEqual(compareWithCheckpoint(body, null), {
      id: 7,
      reason: 'checkpoint_missing_events',
    })
    assert.deepEqual(compareWithCheckpoint(body, { hash: 'a'.repeat(64), rowCount: 4 }), {
      id: 7,
      reason: 'checkpoint_missing_events',
    })
    assert.deepEqual(compareWithCheckpoint(body, { hash: 'b'.repeat(64), rowCount: 5 }), {
      id: 7,
      reason: 'checkpoint_head_mismatch',
    })
    assert.isNull(compareWithCheckpoint({ ...body, rowCount: 0, lastId: 0 }, null))
  })
})
