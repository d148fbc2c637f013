import { test } from '@japa/runner'
import {
  canonicalJson,
  findBreak,
  GENESIS_HASH,
  hashEvent,
  type ChainedFields,
} from '#domain/audit_chain'

function chain(count: number) {
  const events: (ChainedFields & { id: number; hash: string })[] = []
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
    const hash = hashEvent(fields)
    events.push({ ...fields, id, hash })
    prevHash = hash
  }
  return events
}

test.group('Audit chain', () => {
  test('canonical JSON sorts keys at every level', ({ assert }) => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } }),
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}'
    )
    assert.equal(canonicalJson({ big: 12n, gone: undefined }), '{"big":"12"}')
  })

  test('an intact chain has no break', ({ assert }) => {
    assert.isNull(findBreak(chain(5)).broken)
  })

  test('an edited event breaks at that event', ({ assert }) => {
    const events = chain(5)
    events[2].afterJson = canonicalJson({ n: 999 })
    assert.deepEqual(findBreak(events).broken, { id: 3, reason: 'hash_mismatch' })
  })

  test('a removed event breaks at the next one', ({ assert }) => {
    const events = chain(5)
    events.splice(1, 1)
    assert.deepEqual(findBreak(events).broken, { id: 3, reason: 'prev_hash_mismatch' })
  })
})
