import { test } from '@japa/runner'
import {
  actualFor,
  compoundTargets,
  increasedBy,
  indicatorMeasures,
  indicatorStatus,
  indicatorYears,
  shownActual,
  targetFor,
} from '#domain/reports/indicators'
import { programmeResults } from '#database/seeders/demo_results'

const defaultIndicators = programmeResults.flatMap((result) => result.indicators)

test.group('Indicators | targets', () => {
  test('compound growth: baseline × 1.10^t, rounded half up', ({ assert }) => {
    assert.deepEqual(compoundTargets(100, 2025, 1000, 2028), {
      2026: 110,
      2027: 121,
      2028: 133, // 133.1
    })
    assert.deepEqual(compoundTargets(10, 2025, 1000, 2029), {
      2026: 11,
      2027: 12, // 12.1
      2028: 13, // 13.31
      2029: 15, // 14.641
    })
    assert.deepEqual(compoundTargets(5, 2025, 1000, 2025), {})
    assert.throws(() => compoundTargets(-1, 2025, 1000, 2026), /non-negative/)
    assert.throws(() => compoundTargets(10, 2025, -5, 2026), /basis points/)
  })

  test('a one-off increase over the baseline', ({ assert }) => {
    assert.equal(increasedBy(24, 4000), 34) // 33.6
    assert.equal(increasedBy(24, 5000), 36)
    assert.equal(increasedBy(0, 5000), 0)
  })

  test('targetFor: the year’s target, the baseline in its year, otherwise none', ({ assert }) => {
    const indicator = { baselineYear: 2025, baselineValue: 10, targets: { 2026: 11, 2027: 12 } }
    assert.equal(targetFor(indicator, 2025), 10)
    assert.equal(targetFor(indicator, 2026), 11)
    assert.equal(targetFor(indicator, 2027), 12)
    assert.isNull(targetFor(indicator, 2028))
    assert.isNull(targetFor(indicator, 2024))
  })

  test('the defaults: reintegrated victims +10 % a year, referrals +40 % then +50 %', ({
    assert,
  }) => {
    const codes = defaultIndicators.map((i) => i.code)
    assert.deepEqual(codes, [...new Set(codes)])
    for (const indicator of defaultIndicators) {
      if (indicator.rule === 'service_statistics') {
        assert.include(indicatorMeasures, indicator.measure)
      }
      assert.isAtMost(indicator.code.length, 24)
      for (const text of [indicator.titleEn, indicator.titleSq, indicator.titleSr]) {
        assert.isAbove(text.length, 5)
      }
    }
    const reintegrated = defaultIndicators.find((i) => i.measure === 'exits_reintegrated')!
    const base = reintegrated.baselineValue
    assert.equal(targetFor(reintegrated, reintegrated.baselineYear + 1), Math.round(base * 1.1))
    for (let year = reintegrated.baselineYear + 1; year <= 2029; year++) {
      assert.isAbove(targetFor(reintegrated, year)!, targetFor(reintegrated, year - 1)!)
    }
    const referrals = defaultIndicators.find((i) => i.measure === 'referrals')!
    assert.deepEqual(referrals.targets, { 2027: 34, 2029: 36 })
  })
})

test.group('Indicators | actual values', () => {
  test('sums one measure per year and ignores the others', ({ assert }) => {
    const actual = actualFor('exits_reintegrated', [
      { year: 2026, measure: 'exits_reintegrated', count: 3 },
      { year: 2026, measure: 'exits_reintegrated', count: 4 },
      { year: 2026, measure: 'admissions', count: 40 },
      { year: 2027, measure: 'exits_reintegrated', count: 0 },
      { year: 2028, measure: 'exits_reintegrated', count: 12 },
    ])
    assert.deepEqual(
      [...actual.entries()],
      [
        [2026, 7],
        [2027, 0],
        [2028, 12],
      ]
    )
    assert.equal(actualFor('referrals', []).size, 0)
  })

  test('refuses negative or fractional counts and odd years', ({ assert }) => {
    assert.throws(
      () => actualFor('admissions', [{ year: 2026, measure: 'admissions', count: -1 }]),
      /non-negative/
    )
    assert.throws(
      () => actualFor('admissions', [{ year: 2026, measure: 'admissions', count: 1.5 }]),
      /non-negative/
    )
    assert.throws(
      () => actualFor('admissions', [{ year: 2026.5, measure: 'admissions', count: 1 }]),
      /year/
    )
  })

  test('values from 1 to 4 are hidden; 0 and 5 are shown', ({ assert }) => {
    assert.deepEqual(shownActual(0), { value: 0 })
    for (const value of [1, 2, 3, 4])
      assert.deepEqual(shownActual(value), { suppressed: true, mark: '<5' })
    assert.deepEqual(shownActual(5), { value: 5 })
    assert.deepEqual(shownActual(120), { value: 120 })
  })

  test('status against the target, never for a hidden value', ({ assert }) => {
    assert.equal(indicatorStatus(12, 11), 'met')
    assert.equal(indicatorStatus(11, 11), 'met')
    assert.equal(indicatorStatus(10, 11), 'not_met')
    assert.equal(indicatorStatus(0, 11), 'not_met')
    assert.equal(indicatorStatus(3, 2), 'suppressed')
    assert.equal(indicatorStatus(3, 11), 'suppressed')
    assert.equal(indicatorStatus(20, null), 'no_target')
    assert.equal(indicatorStatus(null, 11), 'no_data')
  })

  test('years shown: baseline to the last target, actual or current year', ({ assert }) => {
    const indicator = { baselineYear: 2025, baselineValue: 10, targets: { 2027: 12 } }
    assert.deepEqual(indicatorYears(indicator, [], 2026), [2025, 2026, 2027])
    assert.deepEqual(indicatorYears(indicator, [2029], 2026), [2025, 2026, 2027, 2028, 2029])
    assert.deepEqual(indicatorYears(indicator, [], 2024), [2025, 2026, 2027])
  })
})
