import { test } from '@japa/runner'
import { derivePaymentOption } from '#domain/grants/payment_option'

const large = 100000000 // F 1 000 000.00

test.group('Payment option (DOMAIN-RULES §4.4)', () => {
  test('12 months exactly is option 1, whatever F', ({ assert }) => {
    const decision = derivePaymentOption({
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      funderCents: large,
    })
    assert.equal(decision.option, 'option_1')
    assert.deepEqual(decision.reasons, ['short_period'])
  })

  test('13 months with F over 100 000.00 is option 2', ({ assert }) => {
    const decision = derivePaymentOption({
      startsOn: '2026-01-01',
      endsOn: '2027-01-31',
      funderCents: large,
    })
    assert.equal(decision.option, 'option_2')
    assert.deepEqual(decision.reasons, ['long_and_large'])
  })

  test('one day over 12 months is already over 12 months', ({ assert }) => {
    const decision = derivePaymentOption({
      startsOn: '2026-03-15',
      endsOn: '2027-03-15',
      funderCents: large,
    })
    assert.equal(decision.option, 'option_2')
    assert.equal(
      derivePaymentOption({ startsOn: '2026-03-15', endsOn: '2027-03-14', funderCents: large })
        .option,
      'option_1'
    )
  })

  test('F = 100 000.00 over 24 months is option 1; 100 000.01 is option 2', ({ assert }) => {
    const period = { startsOn: '2026-01-01', endsOn: '2027-12-31' }
    const atThreshold = derivePaymentOption({ ...period, funderCents: 10000000 })
    assert.equal(atThreshold.option, 'option_1')
    assert.deepEqual(atThreshold.reasons, ['small_contribution'])
    assert.equal(derivePaymentOption({ ...period, funderCents: 10000001 }).option, 'option_2')
  })

  test('both conditions are reported when both hold', ({ assert }) => {
    const decision = derivePaymentOption({
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      funderCents: 4000000,
    })
    assert.deepEqual(decision.reasons, ['short_period', 'small_contribution'])
  })

  test('the thresholds are parameters', ({ assert }) => {
    const facts = { startsOn: '2026-01-01', endsOn: '2027-06-30', funderCents: 15000000 }
    assert.equal(derivePaymentOption(facts).option, 'option_2')
    assert.equal(derivePaymentOption(facts, { maxMonths: 18 }).option, 'option_1')
    const decision = derivePaymentOption(facts, { maxFunderCents: 15000000 })
    assert.equal(decision.option, 'option_1')
    assert.equal(decision.maxFunderCents, 15000000)
  })

  test('an end before the start is refused', ({ assert }) => {
    assert.throws(
      () => derivePaymentOption({ startsOn: '2026-02-01', endsOn: '2026-01-31', funderCents: 1 }),
      /implementation period/
    )
  })
})
