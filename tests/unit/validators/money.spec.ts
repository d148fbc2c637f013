import { test } from '@japa/runner'
import { parseAmountToCents } from '#validators/money'

test.group('Amounts typed by people', () => {
  test('accepts the usual ways of writing an amount', ({ assert }) => {
    assert.equal(parseAmountToCents('12 500,50'), 1250050)
    assert.equal(parseAmountToCents('12.500,50'), 1250050)
    assert.equal(parseAmountToCents('12,500.50'), 1250050)
    assert.equal(parseAmountToCents('12500.5'), 1250050)
    assert.equal(parseAmountToCents('1,000'), 100000)
    assert.equal(parseAmountToCents('1 052 631.58'), 105263158)
    assert.equal(parseAmountToCents('0,01'), 1)
    assert.equal(parseAmountToCents('1.001'), 100100)
  })

  test('refuses what is not an amount', ({ assert }) => {
    for (const text of ['', '-5', '1.234.5', '12,5,0', 'abc', '1,5.00', '12.34.56']) {
      assert.isNull(parseAmountToCents(text), text)
    }
  })
})
