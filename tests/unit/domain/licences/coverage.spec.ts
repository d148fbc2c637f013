import { test } from '@japa/runner'
import { checkCoverage } from '#domain/licences/coverage'
import type { LicenceFacts } from '#domain/licences/licence'

function licence(overrides: Partial<LicenceFacts> = {}): LicenceFacts {
  return {
    id: 1,
    number: 'MLSW-1',
    services: ['residential_vot', 'counselling'],
    issuedOn: '2025-01-01',
    validUntil: '2027-12-31',
    decisions: [],
    hasPendingRenewal: false,
    ...overrides,
  }
}

const codes = (coverage: ReturnType<typeof checkCoverage>) =>
  coverage.reasons.map((reason) => reason.code)

test.group('Licence coverage rule', () => {
  test('covered when one licence spans the period', ({ assert }) => {
    const coverage = checkCoverage([licence()], 'residential_vot', '2026-01-01', '2026-12-31')
    assert.isTrue(coverage.covered)
    assert.deepEqual(coverage.reasons, [])
    assert.deepEqual(coverage.licenceIds, [1])
  })

  test('NO_LICENCE when the organisation holds none', ({ assert }) => {
    assert.deepEqual(codes(checkCoverage([], 'residential_vot', '2026-01-01', '2026-12-31')), [
      'NO_LICENCE',
    ])
  })

  test('SERVICE_NOT_COVERED when no licence names the service', ({ assert }) => {
    const coverage = checkCoverage(
      [licence({ services: ['day_care'] })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.deepEqual(codes(coverage), ['SERVICE_NOT_COVERED'])
  })

  test('EXPIRES_BEFORE_END when the licence ends inside the period', ({ assert }) => {
    const coverage = checkCoverage(
      [licence({ validUntil: '2026-06-30' })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.isFalse(coverage.covered)
    assert.deepEqual(coverage.reasons, [{ code: 'EXPIRES_BEFORE_END', date: '2026-07-01' }])
  })

  test('expiry on the last day of the period still covers it', ({ assert }) => {
    const coverage = checkCoverage(
      [licence({ validUntil: '2026-12-31' })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.isTrue(coverage.covered)
  })

  test('a renewal that starts the day after expiry keeps the cover unbroken', ({ assert }) => {
    const first = licence({ id: 1, validUntil: '2026-06-30' })
    const renewal = licence({ id: 2, issuedOn: '2026-07-01', validUntil: '2029-06-30' })
    const coverage = checkCoverage([first, renewal], 'residential_vot', '2026-01-01', '2026-12-31')
    assert.isTrue(coverage.covered)
    assert.deepEqual(coverage.licenceIds, [1, 2])
  })

  test('a renewal that starts two days after expiry leaves a one-day gap', ({ assert }) => {
    const first = licence({ id: 1, validUntil: '2026-06-30' })
    const renewal = licence({ id: 2, issuedOn: '2026-07-02', validUntil: '2029-07-01' })
    const coverage = checkCoverage([first, renewal], 'residential_vot', '2026-01-01', '2026-12-31')
    assert.deepEqual(coverage.reasons, [{ code: 'EXPIRES_BEFORE_END', date: '2026-07-01' }])
  })

  test('a pending renewal is reported with EXPIRES_BEFORE_END', ({ assert }) => {
    const coverage = checkCoverage(
      [licence({ validUntil: '2026-06-30', hasPendingRenewal: true })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.deepEqual(codes(coverage), ['EXPIRES_BEFORE_END'])
    assert.isTrue(coverage.renewalPending)
  })

  test('EXPIRED when the only licence ended before the period', ({ assert }) => {
    const coverage = checkCoverage(
      [licence({ validUntil: '2025-12-31' })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.deepEqual(coverage.reasons, [{ code: 'EXPIRED', date: '2026-01-01', licenceId: 1 }])
  })

  test('SUSPENDED from the day the suspension takes effect', ({ assert }) => {
    const coverage = checkCoverage(
      [licence({ decisions: [{ kind: 'suspended', effectiveOn: '2026-03-10' }] })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.deepEqual(coverage.reasons, [{ code: 'SUSPENDED', date: '2026-03-10', licenceId: 1 }])
  })

  test('a suspension lifted before the period does not matter', ({ assert }) => {
    const coverage = checkCoverage(
      [
        licence({
          decisions: [
            { kind: 'suspended', effectiveOn: '2025-03-10' },
            { kind: 'reinstated', effectiveOn: '2025-04-10' },
          ],
        }),
      ],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.isTrue(coverage.covered)
  })

  test('REVOKED when revoked before or during the period', ({ assert }) => {
    const before = checkCoverage(
      [licence({ decisions: [{ kind: 'revoked', effectiveOn: '2025-11-01' }] })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.deepEqual(before.reasons, [{ code: 'REVOKED', date: '2026-01-01', licenceId: 1 }])
    const during = checkCoverage(
      [licence({ decisions: [{ kind: 'revoked', effectiveOn: '2026-08-01' }] })],
      'residential_vot',
      '2026-01-01',
      '2026-12-31'
    )
    assert.deepEqual(during.reasons, [{ code: 'REVOKED', date: '2026-08-01', licenceId: 1 }])
  })

  test('a period that ends before it starts is refused', ({ assert }) => {
    assert.throws(
      () => checkCoverage([licence()], 'residential_vot', '2026-02-01', '2026-01-01'),
      /ends/
    )
  })
})
