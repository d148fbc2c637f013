import { test } from '@japa/runner'
import {
  forecastProblems,
  optionOneTranches,
  periodForecasts,
  plannedTranches,
  scheduleForecasts,
} from '#domain/grants/planned_schedule'
import { optionOnePrefinancing } from '#domain/grants/payment_schedule'

test.group('Planned payment schedule', () => {
  test('forecasts follow the length of each period and add up to the budget', ({ assert }) => {
    const forecasts = periodForecasts(103700000, [365, 366])
    assert.deepEqual(forecasts, [51779070, 51920930])
    assert.equal(
      forecasts.reduce((a, b) => a + b, 0),
      103700000
    )
  })

  test('case A: 450 000.00, then the rest up to the 90 % cap, then the balance', ({ assert }) => {
    const tranches = plannedTranches(100000000, 105263158, [47368421, 57894737])
    assert.deepEqual(tranches, [
      { number: 1, kind: 'initial_prefinancing', period: 1, plannedCents: 45000000 },
      { number: 2, kind: 'further_prefinancing', period: 2, plannedCents: 45000000 },
      { number: 3, kind: 'balance', period: null, plannedCents: 10000000 },
    ])
    assert.equal(
      tranches.reduce((a, t) => a + t.plannedCents, 0),
      100000000
    )
  })

  test('a single period gives one pre-financing and the balance', ({ assert }) => {
    const tranches = plannedTranches(4000000, 4210527, [4210527])
    assert.deepEqual(
      tranches.map((t) => [t.kind, t.plannedCents]),
      [
        ['initial_prefinancing', 3600000],
        ['balance', 400000],
      ]
    )
  })
})

test.group('Planned payment schedule: option 1', () => {
  test('without contingency: one pre-financing of 80 % and the balance, to the cent', ({
    assert,
  }) => {
    assert.deepEqual(
      optionOneTranches(4000001, 4000001, 0).map((t) => t.plannedCents),
      [3200001, 800000]
    )
  })

  test('the contingency is never pre-financed: 80 % × (TEC − C) × F / TEC', ({ assert }) => {
    // TEC 105 000.00, C 5 000.00, F 99 750.00 (95 %): 80 % × 100 000.00 × 95 % = 76 000.00,
    // not 80 % of F (79 800.00).
    const tranches = optionOneTranches(9975000, 10500000, 500000)
    assert.deepEqual(
      tranches.map((t) => [t.kind, t.plannedCents]),
      [
        ['initial_prefinancing', 7600000],
        ['balance', 2375000],
      ]
    )
  })

  test('one rounding of the exact product, half up', ({ assert }) => {
    // (4 210 527 − 123 457) × 0.8 × 4 000 000 / 4 210 527 = 3 106 172.6952… → 3 106 173
    assert.equal(
      optionOnePrefinancing({
        funderCents: 4000000,
        totalEligibleCents: 4210527,
        contingencyCents: 123457,
      }),
      3106173
    )
  })

  test('a contingency above TEC is refused', ({ assert }) => {
    assert.throws(
      () =>
        optionOnePrefinancing({ funderCents: 100, totalEligibleCents: 100, contingencyCents: 101 }),
      /Contingency/
    )
  })
})

test.group('Grantee forecasts per period', () => {
  test('forecasts adding up exactly to TEC − C have no problem', ({ assert }) => {
    assert.deepEqual(forecastProblems([40000000, 60263158], 2, 100263158), [])
  })

  test('one cent off is refused, naming the difference', ({ assert }) => {
    assert.deepEqual(forecastProblems([40000000, 60263159], 2, 100263158), [
      { code: 'SUM_NOT_BUDGET', expectedCents: 100263158, sumCents: 100263159, differenceCents: 1 },
    ])
    assert.deepEqual(forecastProblems([40000000, 60263157], 2, 100263158), [
      {
        code: 'SUM_NOT_BUDGET',
        expectedCents: 100263158,
        sumCents: 100263157,
        differenceCents: -1,
      },
    ])
  })

  test('every period needs a forecast', ({ assert }) => {
    assert.deepEqual(forecastProblems([100263158], 2, 100263158), [
      { code: 'WRONG_PERIOD_COUNT', expected: 2, given: 1 },
    ])
  })

  test("the schedule uses the grantee's forecasts, or the spread when none fit", ({ assert }) => {
    assert.deepEqual(scheduleForecasts([10, 90], 100, [365, 365]), {
      forecastsCents: [10, 90],
      from: { source: 'grantee' },
    })
    assert.deepEqual(scheduleForecasts([], 100, [365, 365]), {
      forecastsCents: [50, 50],
      from: { source: 'spread', why: 'none_entered' },
    })
    assert.deepEqual(scheduleForecasts([10, 91], 100, [365, 365]), {
      forecastsCents: [50, 50],
      from: { source: 'spread', why: 'no_longer_fit' },
    })
  })

  test("the planned tranches follow the grantee's forecasts", ({ assert }) => {
    // Case A with a front-loaded forecast: F1 = 600 000.00 → 570 000.00, then capped at 900 000.00.
    const tranches = plannedTranches(100000000, 105263158, [60000000, 45263158])
    assert.deepEqual(
      tranches.map((t) => t.plannedCents),
      [57000000, 33000000, 10000000]
    )
  })
})
