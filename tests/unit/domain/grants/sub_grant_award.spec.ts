import { test } from '@japa/runner'
import type { SubGrantAwardFacts } from '#domain/grants/sub_grant_award'
import { subGrantAwardProblems } from '#domain/grants/sub_grant_award'

const facts: SubGrantAwardFacts = {
  amountCents: 6000000,
  capCents: 6000000,
  approvedExceptionCents: null,
  fstpLineCents: 36000000,
  committedCents: 30000000,
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
