import { test } from '@japa/runner'
import type { SubGrantAwardFacts } from '#domain/grants/sub_grant_award'
import { subGrantAwardProblems, thirdPartyCeilingCents } from '#domain/grants/sub_grant_award'

const facts: SubGrantAwardFacts = {
  amountCents: 6000000,
  capCents: 6000000,
  approvedExceptionCents: null,
  fstpLineCents: 36000000,
  committedCents: 30000000,
  thirdPartyAwardedCents: 0,
  coverage: { covered: true, reasons: [], renewalPending: false },
}

const codes = (f: SubGrantAwardFacts) => subGrantAwardProblems(f).map((p) => p.code)

test.group('Sub-grant award (DOMAIN-RULES §3 FSTP)', () => {
  test('exactly the cap and exactly the rest of the line is allowed', ({ assert }) => {
    assert.deepEqual(codes(facts), [])
  })

  test('one cent over the cap is refused without an approved exception', ({ assert }) => {
    assert.deepEqual(codes({ ...facts, amountCents: 6000001, committedCents: 0 }), [
      'OVER_THIRD_PARTY_CAP',
    ])
  })

  test('an approved exception lifts the cap up to its amount only', ({ assert }) => {
    const over = { ...facts, amountCents: 7000000, committedCents: 0 }
    assert.deepEqual(codes({ ...over, approvedExceptionCents: 7000000 }), [])
    assert.deepEqual(codes({ ...over, approvedExceptionCents: 6500000 }), ['OVER_THIRD_PARTY_CAP'])
  })

  test('the sum of sub-grants cannot pass the FSTP line', ({ assert }) => {
    assert.deepEqual(codes({ ...facts, committedCents: 30000001 }), ['OVER_FSTP_LINE'])
  })

  test('the licence must cover the period, unless its renewal is pending', ({ assert }) => {
    const gap = {
      covered: false,
      reasons: [{ code: 'EXPIRES_BEFORE_END' as const, date: '2027-04-01' }],
      renewalPending: false,
    }
    assert.deepEqual(subGrantAwardProblems({ ...facts, coverage: gap }), [
      { code: 'LICENCE_NOT_COVERING', reason: 'EXPIRES_BEFORE_END 2027-04-01' },
    ])
    assert.deepEqual(codes({ ...facts, coverage: { ...gap, renewalPending: true } }), [])
  })
})

test.group('Sub-grant award: the per-third-party cap is cumulative', () => {
  const line = { ...facts, fstpLineCents: 100_000_000, committedCents: 0 }

  test('two sub-grants of 40 000.00 to the same NGO: the second is refused', ({ assert }) => {
    const first = { ...line, amountCents: 4_000_000, thirdPartyAwardedCents: 0 }
    assert.deepEqual(codes(first), [])
    const second = {
      ...line,
      amountCents: 4_000_000,
      thirdPartyAwardedCents: 4_000_000,
      committedCents: 4_000_000,
    }
    assert.deepEqual(subGrantAwardProblems(second), [
      {
        code: 'OVER_THIRD_PARTY_CAP',
        capCents: 6_000_000,
        thirdPartyAwardedCents: 4_000_000,
        isException: false,
      },
    ])
  })

  test('with an approved exception of 80 000.00 the second passes; a third beyond it is refused', ({
    assert,
  }) => {
    const withException = { ...line, approvedExceptionCents: 8_000_000 }
    assert.deepEqual(
      codes({ ...withException, amountCents: 4_000_000, thirdPartyAwardedCents: 4_000_000 }),
      []
    )
    // 80 000.00 already awarded: one more cent is beyond the exception.
    assert.deepEqual(
      subGrantAwardProblems({
        ...withException,
        amountCents: 1,
        thirdPartyAwardedCents: 8_000_000,
      }),
      [
        {
          code: 'OVER_THIRD_PARTY_CAP',
          capCents: 8_000_000,
          thirdPartyAwardedCents: 8_000_000,
          isException: true,
        },
      ]
    )
  })

  test('the cap of one NGO is not spent by another NGO’s sub-grants', ({ assert }) => {
    assert.deepEqual(
      codes({
        ...line,
        amountCents: 6_000_000,
        thirdPartyAwardedCents: 0,
        committedCents: 50_000_000,
      }),
      []
    )
  })

  test('Σ sub-grants over the FSTP line is refused even within the third-party cap', ({
    assert,
  }) => {
    assert.deepEqual(
      codes({
        ...line,
        fstpLineCents: 10_000_000,
        committedCents: 8_000_000,
        amountCents: 2_000_001,
        thirdPartyAwardedCents: 0,
      }),
      ['OVER_FSTP_LINE']
    )
  })

  test('an exception below the cap never lowers the ceiling', ({ assert }) => {
    assert.equal(thirdPartyCeilingCents(6_000_000, 5_000_000), 6_000_000)
    assert.equal(thirdPartyCeilingCents(6_000_000, 8_000_000), 8_000_000)
    assert.equal(thirdPartyCeilingCents(6_000_000, null), 6_000_000)
  })
})
