import { test } from '@japa/runner'
import { acceptedCosts, acceptedInReport } from '#domain/grants/accepted_costs'
import { checkRelease, contingencyPosition } from '#domain/grants/contingency'

test.group('Accepted costs: indirect capped at 7 % of accepted direct', () => {
  test('indirect exactly at floor(7 % × direct) is accepted in full', ({ assert }) => {
    // 7 % of 1 000.01 = 70.0007 → cap 70.00
    const result = acceptedCosts(
      [
        { heading: 'human_resources', admittedCents: 100_001 },
        { heading: 'indirect', admittedCents: 7_000 },
      ],
      0
    )
    assert.equal(result.indirectCapCents, 7_000)
    assert.equal(result.indirectAcceptedCents, 7_000)
    assert.equal(result.indirectExcessCents, 0)
    assert.equal(result.acceptedCents, 107_001)
  })

  test('one cent over the cap is not accepted', ({ assert }) => {
    const result = acceptedCosts(
      [
        { heading: 'human_resources', admittedCents: 100_001 },
        { heading: 'indirect', admittedCents: 7_001 },
      ],
      0
    )
    assert.equal(result.indirectAcceptedCents, 7_000)
    assert.equal(result.indirectExcessCents, 1)
    assert.equal(result.admittedCents, 107_002)
    assert.equal(result.acceptedCents, 107_001)
    assert.equal(result.notAcceptedCents, 1)
  })

  test('the cap is floored, never rounded up (7 % of 14.28 = 0.9996 → 0.99)', ({ assert }) => {
    const result = acceptedCosts(
      [
        { heading: 'travel', admittedCents: 1_428 },
        { heading: 'indirect', admittedCents: 100 },
      ],
      0
    )
    assert.equal(result.indirectCapCents, 99)
    assert.equal(result.indirectAcceptedCents, 99)
    // and the exact rule holds: 10 000 × accepted indirect ≤ 700 × direct
    assert.isTrue(10_000 * result.indirectAcceptedCents <= 700 * result.directCents)
  })

  test('contingency and unassigned lines do not raise the cap base', ({ assert }) => {
    const result = acceptedCosts(
      [
        { heading: 'other', admittedCents: 10_000 },
        { heading: 'contingency', admittedCents: 50_000 },
        { heading: null, admittedCents: 20_000 },
        { heading: 'indirect', admittedCents: 5_000 },
      ],
      50_000
    )
    assert.equal(result.directCents, 10_000)
    assert.equal(result.indirectCapCents, 700)
    assert.equal(result.acceptedCents, 10_000 + 700 + 50_000 + 20_000)
  })

  test('lines not verified yet count 0; negative amounts are refused', ({ assert }) => {
    const result = acceptedCosts([{ heading: 'travel', admittedCents: null }], 0)
    assert.equal(result.acceptedCents, 0)
    assert.throws(() => acceptedCosts([{ heading: 'travel', admittedCents: -1 }], 0))
  })
})

test.group('Accepted costs: contingency within the approved releases', () => {
  test('nothing booked on contingency is accepted without a release', ({ assert }) => {
    const result = acceptedCosts([{ heading: 'contingency', admittedCents: 30_000 }], 0)
    assert.equal(result.contingencyAcceptedCents, 0)
    assert.equal(result.contingencyExcessCents, 30_000)
    assert.equal(result.acceptedCents, 0)
  })

  test('accepted up to the releases, the excess shown apart', ({ assert }) => {
    const result = acceptedCosts([{ heading: 'contingency', admittedCents: 30_000 }], 25_000)
    assert.equal(result.contingencyAcceptedCents, 25_000)
    assert.equal(result.contingencyExcessCents, 5_000)
    const within = acceptedCosts([{ heading: 'contingency', admittedCents: 30_000 }], 30_000)
    assert.equal(within.contingencyAcceptedCents, 30_000)
    assert.equal(within.contingencyExcessCents, 0)
  })

  test('the reports add up to the grant (cumulative difference)', ({ assert }) => {
    const first = [
      { heading: 'human_resources' as const, admittedCents: 100_000 },
      { heading: 'indirect' as const, admittedCents: 9_000 },
    ]
    const second = [
      { heading: 'human_resources' as const, admittedCents: 100_000 },
      { heading: 'indirect' as const, admittedCents: 1_000 },
    ]
    const one = acceptedInReport([], first, 0)
    const two = acceptedInReport(first, second, 0)
    // first alone: cap 7 000 (2 000 not accepted); both: cap 14 000, 10 000 indirect all accepted
    assert.equal(one.acceptedCents, 107_000)
    assert.equal(two.acceptedCents, 103_000)
    assert.equal(
      one.acceptedCents + two.acceptedCents,
      acceptedCosts([...first, ...second], 0).acceptedCents
    )
  })
})

test.group('Contingency releases: Σ approved ≤ C', () => {
  test('a release up to what remains is allowed, one cent more is not', ({ assert }) => {
    assert.deepEqual(
      checkRelease({ reserveCents: 100_000, releasedCents: 60_000, amountCents: 40_000 }),
      { ok: true }
    )
    assert.deepEqual(
      checkRelease({ reserveCents: 100_000, releasedCents: 60_000, amountCents: 40_001 }),
      { ok: false, code: 'OVER_REMAINING', remainingCents: 40_000 }
    )
  })

  test('zero, negative and a grant without reserve are refused', ({ assert }) => {
    assert.deepEqual(checkRelease({ reserveCents: 100, releasedCents: 0, amountCents: 0 }), {
      ok: false,
      code: 'NOT_POSITIVE',
    })
    assert.deepEqual(checkRelease({ reserveCents: 0, releasedCents: 0, amountCents: 1 }), {
      ok: false,
      code: 'NO_RESERVE',
    })
  })

  test('the position counts approved and pending apart; refused counts nothing', ({ assert }) => {
    const position = contingencyPosition(100_000, [
      { status: 'approved', amountCents: 30_000 },
      { status: 'requested', amountCents: 20_000 },
      { status: 'refused', amountCents: 50_000 },
      { status: 'approved', amountCents: 10_000 },
    ])
    assert.deepEqual(position, {
      reserveCents: 100_000,
      releasedCents: 40_000,
      pendingCents: 20_000,
      remainingCents: 60_000,
    })
  })
})
