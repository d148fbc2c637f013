import { test } from '@japa/runner'
import type { ReleaseFacts } from '#domain/grants/release_conditions'
import { holdReason, refusals, releaseConditions } from '#domain/grants/release_conditions'

const base: ReleaseFacts = {
  kind: 'further_prefinancing',
  period: 3,
  grantStatus: 'in_implementation',
  reports: [
    { periodNumber: 1, status: 'approved' },
    { periodNumber: 2, status: 'submitted' },
  ],
  stage: 'request',
  isSubGrant: false,
  licence: null,
  outstandingRecoveryCents: 0,
  reductionCents: 0,
}

const codes = (facts: ReleaseFacts) =>
  releaseConditions(facts)
    .filter((c) => !c.met)
    .map((c) => c.code)

test.group('Release conditions (DOMAIN-RULES §4.5)', () => {
  test('tranche 3 may be requested with report 2 submitted and report 1 approved', ({ assert }) => {
    assert.deepEqual(codes(base), [])
  })

  test('at release, the report of the period it closes must be approved too', ({ assert }) => {
    const conditions = releaseConditions({ ...base, stage: 'release' })
    assert.deepEqual(
      refusals(conditions).map((c) => c.code),
      ['reports_approved']
    )
    assert.deepEqual(conditions.find((c) => c.code === 'reports_approved')?.detail, {
      missing: [2],
    })
  })

  test('without the interim report of the period, the request is refused', ({ assert }) => {
    assert.deepEqual(codes({ ...base, reports: [{ periodNumber: 1, status: 'approved' }] }), [
      'period_report_submitted',
    ])
  })

  test('a returned earlier report refuses the request', ({ assert }) => {
    assert.deepEqual(
      codes({
        ...base,
        reports: [
          { periodNumber: 1, status: 'returned' },
          { periodNumber: 2, status: 'submitted' },
        ],
      }),
      ['reports_approved']
    )
  })

  test('the initial pre-financing needs no report; a suspended grant gets nothing', ({
    assert,
  }) => {
    const initial = { ...base, kind: 'initial_prefinancing' as const, period: 1, reports: [] }
    assert.deepEqual(codes(initial), [])
    assert.deepEqual(codes({ ...initial, grantStatus: 'suspended' }), ['grant_running'])
  })

  test('a sub-grantee without a valid licence is held, with the reason', ({ assert }) => {
    const conditions = releaseConditions({
      ...base,
      isSubGrant: true,
      licence: { covered: false, reason: 'EXPIRED 2026-06-30' },
    })
    assert.deepEqual(refusals(conditions), [])
    assert.equal(holdReason(conditions), 'licence_valid:EXPIRED 2026-06-30')
  })

  test('an outstanding recovery holds the tranche', ({ assert }) => {
    const conditions = releaseConditions({ ...base, outstandingRecoveryCents: 1 })
    assert.equal(holdReason(conditions), 'no_outstanding_recovery')
  })

  test('the 70 % rule is shown but never blocks', ({ assert }) => {
    const conditions = releaseConditions({ ...base, reductionCents: 3000000 })
    const rule = conditions.find((c) => c.code === 'seventy_percent_rule')!
    assert.isFalse(rule.met)
    assert.equal(rule.effect, 'info')
    assert.isNull(holdReason(conditions))
    assert.deepEqual(refusals(conditions), [])
  })

  test('the balance needs every report approved, the final one included', ({ assert }) => {
    const balance: ReleaseFacts = {
      ...base,
      kind: 'balance',
      period: 2,
      grantStatus: 'final_report_submitted',
      stage: 'release',
    }
    assert.deepEqual(codes(balance), ['reports_approved'])
    assert.deepEqual(
      codes({
        ...balance,
        reports: [
          { periodNumber: 1, status: 'approved' },
          { periodNumber: 2, status: 'approved' },
        ],
      }),
      []
    )
    assert.deepEqual(codes({ ...balance, grantStatus: 'in_implementation', reports: [] }), [
      'grant_running',
      'reports_approved',
    ])
  })
})
