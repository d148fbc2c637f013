import { test } from '@japa/runner'
import { computeBudget, defaultBudgetRules } from '#domain/budget/budget'
import { offeredLanguages, withinAction } from '#domain/settings/programme_settings'

const line = (unitCostCents: number) => ({
  heading: 'human_resources' as const,
  label: 'Staff',
  unit: 'lump sum',
  quantity: '1',
  unitCostCents,
})

const codes = (result: ReturnType<typeof computeBudget>) => result.violations.map((v) => v.code)

test.group('Settings read by rules: co-financing minimum, action dates, languages', () => {
  test('co-financing at the minimum passes; one cent below is refused, exactly', ({ assert }) => {
    const rules = { ...defaultBudgetRules, maxFunderShareBp: 10_000, cofinancingMinBp: 500 }
    /* TEC 1 052 631.58: 5 % is 52 631.579 → at least 52 631.58 of co-financing. */
    assert.deepEqual(codes(computeBudget([line(105_263_158)], rules, 100_000_000)), [])
    const below = computeBudget([line(105_263_158)], rules, 100_000_001)
    assert.deepEqual(codes(below), ['COFINANCING_BELOW_MIN'])
    assert.equal(below.violations[0].params.minCents, 5_263_158)
    assert.equal(below.violations[0].params.cofinancingCents, 5_263_157)
  })

  test('no minimum given: not checked (a grant without a call)', ({ assert }) => {
    const rules = { ...defaultBudgetRules, maxFunderShareBp: 10_000 }
    assert.deepEqual(codes(computeBudget([line(100_000)], rules, 100_000)), [])
    assert.throws(() => computeBudget([line(100)], { ...rules, cofinancingMinBp: -1 }), RangeError)
  })

  test('a date within the action, both ends included', ({ assert }) => {
    const action = { actionStartsOn: '2026-01-01', actionEndsOn: '2028-12-31' }
    assert.isTrue(withinAction('2026-01-01', action))
    assert.isTrue(withinAction('2028-12-31', action))
    assert.isFalse(withinAction('2025-12-31', action))
    assert.isFalse(withinAction('2029-01-01', action))
  })

  test('the offered languages keep English and the configured order', ({ assert }) => {
    assert.deepEqual(offeredLanguages(['sq']), ['en', 'sq'])
    assert.deepEqual(offeredLanguages(['sr-Latn', 'sq']), ['en', 'sq', 'sr-Latn'])
    assert.deepEqual(offeredLanguages(['en']), ['en'])
    assert.deepEqual(offeredLanguages(['de']), ['en'])
  })
})
