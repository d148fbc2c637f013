import { test } from '@japa/runner'
import {
  allocate,
  applyBasisPoints,
  capByBasisPoints,
  divideRoundHalfUp,
  formatMoney,
  Money,
  toCents,
} from '#domain/money'

test.group('Money', () => {
  test('toCents accepts safe integers and integer strings from PostgreSQL', ({ assert }) => {
    assert.equal(toCents('105263158'), 105263158)
    assert.equal(toCents(42n), 42)
    assert.equal(toCents(-7), -7)
  })

  test('toCents refuses floats, decimals and unsafe integers', ({ assert }) => {
    assert.throws(() => toCents(1.5), /Not an integer/)
    assert.throws(() => toCents('12.50'), /Not an integer/)
    assert.throws(() => toCents('9007199254740993'), /out of range/)
  })

  test('the 95 % cap of DOMAIN-RULES §3 is floored', ({ assert }) => {
    assert.equal(capByBasisPoints(105263158, 9500), 100000000)
    assert.equal(capByBasisPoints(105263157, 9500), 99999999)
  })

  test('derived amounts round half up', ({ assert }) => {
    assert.equal(applyBasisPoints(1, 5000), 1)
    assert.equal(applyBasisPoints(3, 5000), 2)
    assert.equal(divideRoundHalfUp(-5n, 2n), -3n)
  })

  test('allocate hands out every cent by largest remainder', ({ assert }) => {
    assert.deepEqual(allocate(1, [1, 1, 1]), [1, 0, 0])
    assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33])
    assert.deepEqual(allocate(10007, [3, 7]), [3002, 7005])
    for (const total of [1, 2, 97, 1000003, 99999999]) {
      const parts = allocate(total, [7, 11, 13, 17])
      assert.equal(
        parts.reduce((a, b) => a + b, 0),
        total
      )
    }
  })

  test('allocate refuses empty or negative weights', ({ assert }) => {
    assert.throws(() => allocate(100, []))
    assert.throws(() => allocate(100, [1, -1]))
    assert.throws(() => allocate(100, [0, 0]))
  })

  test('Money adds in one currency and refuses mixing', ({ assert }) => {
    const sum = Money.of(105263158).add(Money.of('1'))
    assert.equal(sum.cents, 105263159)
    assert.throws(() => Money.of(1, 'EUR').add(Money.of(1, 'USD')), /Currency mismatch/)
    assert.deepEqual(
      Money.of(100)
        .allocate([1, 2])
        .map((m) => m.cents),
      [33, 67]
    )
  })

  test('formatMoney keeps every cent', ({ assert }) => {
    assert.equal(formatMoney(105263158), '€1,052,631.58')
    assert.equal(formatMoney(5), '€0.05')
    assert.equal(formatMoney(-120), '-€1.20')
  })
})
