import { test } from '@japa/runner'
import { parseRate, rateText, toEurCents } from '#domain/reports/exchange'

test.group('Exchange | parseRate', () => {
  test('reads an InforEuro rate as micro-units', ({ assert }) => {
    assert.equal(parseRate('117.5432'), 117_543_200)
    assert.equal(parseRate('1'), 1_000_000)
    assert.equal(parseRate(' 1.082345 '), 1_082_345)
    assert.equal(parseRate('0.000001'), 1)
    assert.equal(parseRate('100.50'), 100_500_000)
  })

  test('refuses zero, negative and malformed rates', ({ assert }) => {
    for (const text of [
      '0',
      '0.000000',
      '-1.5',
      '1.0000001',
      '1,5',
      '1,234.5',
      '1e3',
      '1.',
      '.5',
      '',
      'abc',
      '+1',
      '99999999999.999999',
    ]) {
      assert.isNull(parseRate(text), text)
    }
  })

  test('writes a rate back without trailing zeros', ({ assert }) => {
    assert.equal(rateText(117_543_200), '117.5432')
    assert.equal(rateText(1_000_000), '1')
    assert.equal(rateText(1), '0.000001')
    assert.throws(() => rateText(0), /positive/)
  })
})

test.group('Exchange | toEurCents', () => {
  test('divides by the units of currency per euro', ({ assert }) => {
    // 11 754.32 RSD at 117.5432 RSD per EUR is exactly 100.00 EUR.
    assert.equal(toEurCents(1_175_432, 117_543_200), 10_000)
    // 1 000.00 RSD = 8.5075… EUR → 8.51 EUR.
    assert.equal(toEurCents(100_000, 117_543_200), 851)
    assert.equal(toEurCents(0, 117_543_200), 0)
  })

  test('rounds half a cent up, and just under half a cent down', ({ assert }) => {
    assert.equal(toEurCents(1, 2_000_000), 1) // 0.5 cent → 1
    assert.equal(toEurCents(100_001, 2_000_000), 50_001) // 50 000.5 → 50 001
    assert.equal(toEurCents(99_999, 2_000_000), 50_000) // 49 999.5 → 50 000
    assert.equal(toEurCents(100_001, 2_000_001), 50_000) // 50 000.47… → 50 000
    assert.equal(toEurCents(5, 4_000_000), 1) // 1.25 → 1
    assert.equal(toEurCents(3, 4_000_000), 1) // 0.75 → 1
  })

  test('rounds a credit note away from zero', ({ assert }) => {
    assert.equal(toEurCents(-3, 2_000_000), -2)
  })

  test('is exact beyond floating point for large amounts', ({ assert }) => {
    // 9 000 000 000 000.01 units at 3.000000 → 3 000 000 000 000.003… → …00
    assert.equal(toEurCents(900_000_000_000_001, 3_000_000), 300_000_000_000_000)
    assert.equal(toEurCents(900_000_000_000_002, 4_000_000), 225_000_000_000_001) // .5 → up
  })

  test('refuses a missing or non-positive rate', ({ assert }) => {
    assert.throws(() => toEurCents(100, 0), /positive/)
    assert.throws(() => toEurCents(100, -1), /positive/)
    assert.throws(() => toEurCents(100, 1.5), /positive/)
    assert.throws(() => toEurCents(1.5, 1_000_000), /Not an integer/)
  })
})
