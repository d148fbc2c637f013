import { test } from '@japa/runner'
import { periodForecasts, plannedTranches } from '#domain/grants/planned_schedule'

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
  test('one pre-financing of 80 % and the balance, to the cent', async ({ assert }) => {
    const { optionOneTranches } = await import('#domain/grants/planned_schedule')
    assert.deepEqual(
      optionOneTranches(4000001).map((t) => t.plannedCents),
      [3200001, 800000]
    )
  })
})
