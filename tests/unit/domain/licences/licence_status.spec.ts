import { test } from '@japa/runner'
import { defaultValidUntil, licenceStatus, type LicenceFacts } from '#domain/licences/licence'

function licence(overrides: Partial<LicenceFacts> = {}): LicenceFacts {
  return {
    id: 1,
    number: 'MLSW-1',
    services: ['residential_vot'],
    issuedOn: '2025-01-01',
    validUntil: '2027-12-31',
    decisions: [],
    hasPendingRenewal: false,
    ...overrides,
  }
}

test.group('Licence status', () => {
  test('a licence is valid for three years from issue by default', ({ assert }) => {
    assert.equal(defaultValidUntil('2025-03-15'), '2028-03-14')
    assert.equal(defaultValidUntil('2024-02-29'), '2027-02-27')
  })

  test('active, expiring within 90 days, and expired after the last day', ({ assert }) => {
    const l = licence({ validUntil: '2027-03-31' })
    assert.equal(licenceStatus(l, '2026-12-30'), 'active')
    assert.equal(licenceStatus(l, '2026-12-31'), 'expiring')
    assert.equal(licenceStatus(l, '2027-01-01'), 'expiring')
    assert.equal(licenceStatus(l, '2027-03-31'), 'expiring')
    assert.equal(licenceStatus(l, '2027-04-01'), 'expired')
  })

  test('suspension holds until reinstatement; revocation is final', ({ assert }) => {
    const suspended = licence({
      decisions: [
        { kind: 'suspended', effectiveOn: '2026-05-01' },
        { kind: 'reinstated', effectiveOn: '2026-06-01' },
      ],
    })
    assert.equal(licenceStatus(suspended, '2026-04-30'), 'active')
    assert.equal(licenceStatus(suspended, '2026-05-01'), 'suspended')
    assert.equal(licenceStatus(suspended, '2026-06-01'), 'active')

    const revoked = licence({
      decisions: [
        { kind: 'revoked', effectiveOn: '2026-05-01' },
        { kind: 'reinstated', effectiveOn: '2026-06-01' },
      ],
    })
    assert.equal(licenceStatus(revoked, '2026-07-01'), 'revoked')
  })

  test('a pending renewal shows on an expiring or expired licence', ({ assert }) => {
    const l = licence({ validUntil: '2026-12-31', hasPendingRenewal: true })
    assert.equal(licenceStatus(l, '2026-06-01'), 'active')
    assert.equal(licenceStatus(l, '2026-12-01'), 'renewal_pending')
    assert.equal(licenceStatus(l, '2027-01-05'), 'renewal_pending')
  })
})
