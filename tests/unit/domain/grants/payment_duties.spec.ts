import { test } from '@japa/runner'
import type { PaymentDuty, PaymentTrail } from '#domain/grants/payment_duties'
import {
  dutyConflict,
  dutyConflictKey,
  mayApproveReport,
  mayTakeDuty,
  paymentDuties,
} from '#domain/grants/payment_duties'
import { canonicalJson, requestFingerprint } from '#domain/grants/request_fingerprint'

const ME = 7

/** The trail of a request on which person 7 took `duty` and others (1, 2, 3) took the rest. */
function trailWhere(duty: Exclude<PaymentDuty, 'record'>): PaymentTrail {
  return {
    requestedById: duty === 'request' ? ME : 1,
    verifiedById: duty === 'verify' ? ME : 2,
    approvedById: duty === 'approve' ? ME : 3,
  }
}

test.group('Payment duties: four distinct people on the payment path', () => {
  // Every pair (earlier, later) of the four duties, in the order of the path.
  const pairs = paymentDuties.flatMap((earlier, i) =>
    paymentDuties.slice(i + 1).map((later) => [earlier, later] as const)
  )

  test('there are six pairs of duties', ({ assert }) => {
    assert.lengthOf(pairs, 6)
  })

  for (const [earlier, later] of pairs) {
    test(`whoever took "${earlier}" cannot take "${later}"`, ({ assert }) => {
      const trail = trailWhere(earlier as Exclude<PaymentDuty, 'record'>)
      assert.deepEqual(dutyConflict(trail, later, ME), { duty: later, earlier })
      assert.isFalse(mayTakeDuty(trail, later, ME))
      assert.equal(
        dutyConflictKey({ duty: later, earlier: earlier as Exclude<PaymentDuty, 'record'> }),
        `duties.payment.${later}_after_${earlier}`
      )
    })
  }

  test('a person who took no earlier step may take each step', ({ assert }) => {
    const trail: PaymentTrail = { requestedById: 1, verifiedById: 2, approvedById: 3 }
    for (const duty of paymentDuties) {
      assert.isNull(dutyConflict(trail, duty, ME), duty)
      assert.isTrue(mayTakeDuty(trail, duty, ME), duty)
    }
  })

  test('the four people of a clean path each pass their own step', ({ assert }) => {
    const trail: PaymentTrail = { requestedById: 1, verifiedById: 2, approvedById: 3 }
    assert.isTrue(mayTakeDuty({ ...trail, verifiedById: null, approvedById: null }, 'verify', 2))
    assert.isTrue(mayTakeDuty({ ...trail, approvedById: null }, 'approve', 3))
    assert.isTrue(mayTakeDuty(trail, 'record', 4))
  })

  test('steps not yet taken exclude nobody', ({ assert }) => {
    const trail: PaymentTrail = { requestedById: 1, verifiedById: null, approvedById: null }
    assert.isTrue(mayTakeDuty(trail, 'approve', 2))
    assert.isFalse(mayTakeDuty(trail, 'approve', 1))
  })

  test('a person who took two steps is told of the first', ({ assert }) => {
    const trail: PaymentTrail = { requestedById: 1, verifiedById: ME, approvedById: ME }
    assert.deepEqual(dutyConflict(trail, 'record', ME), { duty: 'record', earlier: 'verify' })
  })
})

test.group('Report duties: the admitter never approves', () => {
  test('anyone who admitted a line cannot approve the report', ({ assert }) => {
    assert.isFalse(mayApproveReport([1, ME, null], ME))
    assert.isTrue(mayApproveReport([1, 2, null], ME))
    assert.isTrue(mayApproveReport([], ME))
  })
})

test.group('Request fingerprint: the canonical body of an idempotent request', () => {
  test('the order of keys does not matter; the values do', ({ assert }) => {
    const a = { valueDate: '2026-12-01', bankReference: 'BKT-1' }
    const b = { bankReference: 'BKT-1', valueDate: '2026-12-01' }
    assert.equal(canonicalJson(a), '{"bankReference":"BKT-1","valueDate":"2026-12-01"}')
    assert.equal(requestFingerprint(a), requestFingerprint(b))
    assert.notEqual(requestFingerprint(a), requestFingerprint({ ...a, bankReference: 'BKT-2' }))
    assert.match(requestFingerprint(a), /^[0-9a-f]{64}$/)
  })

  test('nested objects and arrays are canonical too; undefined members are dropped', ({
    assert,
  }) => {
    assert.equal(
      canonicalJson({ b: [{ d: 1, c: null }], a: undefined, e: 'x' }),
      '{"b":[{"c":null,"d":1}],"e":"x"}'
    )
  })
})
