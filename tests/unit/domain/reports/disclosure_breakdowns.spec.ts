import { test } from '@japa/runner'
import type { StatisticCount } from '#domain/reports/statistics'
import { statisticsTables } from '#domain/reports/statistics'
import type { RollupDefinition, ShownCount } from '#domain/reports/disclosure'
import {
  breakdownCategories,
  breakdownPosition,
  complementBreakdown,
  discloseRollups,
  forgetPatterns,
  isHidden,
  storedSolveBudget,
} from '#domain/reports/disclosure'

const x: ShownCount = { suppressed: true, mark: 'x' }
const small: ShownCount = { suppressed: true, mark: '<5' }

const count = (
  sex: StatisticCount['sex'],
  origin: StatisticCount['origin'],
  n: number
): StatisticCount[] =>
  (['admissions', 'residents_end'] as const).map((measure) => ({
    measure,
    sex,
    ageBand: 'adult',
    origin,
    count: n,
  }))

test.group('Disclosure | breakdowns of roll-ups', () => {
  test('positions name the margins of the tables', ({ assert }) => {
    assert.equal(breakdownPosition('sex', 0), 's0')
    assert.equal(breakdownPosition('age_band', 1), 'a1')
    assert.equal(breakdownPosition('origin', 1), 'g1')
    assert.throws(() => breakdownPosition('sex', 2))
    assert.deepEqual(breakdownCategories.sex, ['female', 'male'])
  })

  test('a table with one hidden entry gets a second one hidden; none or two stay as they are', ({
    assert,
  }) => {
    // Total 12 shown, male "<5": female would be 12 less it. The smallest shown category goes.
    assert.deepEqual(complementBreakdown({ value: 12 }, [{ value: 10 }, small]), {
      total: { value: 12 },
      cells: [x, small],
    })
    // The total hidden, both categories shown: their sum would give it away.
    assert.deepEqual(complementBreakdown(x, [{ value: 6 }, { value: 5 }]), {
      total: x,
      cells: [{ value: 6 }, x],
    })
    // A single category hidden and nothing else to hide: the total goes.
    assert.deepEqual(complementBreakdown({ value: 3 }, [small]), { total: x, cells: [small] })
    assert.deepEqual(complementBreakdown({ value: 11 }, [{ value: 6 }, { value: 5 }]), {
      total: { value: 11 },
      cells: [{ value: 6 }, { value: 5 }],
    })
    assert.deepEqual(complementBreakdown(x, [x, { value: 5 }]), {
      total: x,
      cells: [x, { value: 5 }],
    })
  })

  test('breakdowns after the totals leave the totals as they were, and give no hidden roll-up away', async ({
    assert,
  }) => {
    forgetPatterns()
    // Two protected shelters and one the viewer sees in full.
    const a = [
      statisticsTables([...count('female', 'foreign', 4), ...count('male', 'domestic', 6)]),
    ]
    const b = [
      statisticsTables([...count('female', 'domestic', 3), ...count('male', 'foreign', 7)]),
    ]
    const open = [
      statisticsTables([...count('female', 'domestic', 6), ...count('male', 'domestic', 5)]),
    ]
    const seriesList = [
      { tables: a, insider: false },
      { tables: b, insider: false },
      { tables: open, insider: false },
    ]
    const everyone = [0, 1, 2].map((series) => ({ series, report: 0 }))
    const totals: RollupDefinition[] = [
      { measure: 'admissions', contributors: everyone },
      { measure: 'admissions', contributors: [{ series: 0, report: 0 }] },
      { measure: 'admissions', contributors: [{ series: 1, report: 0 }] },
    ]
    const breakdowns: RollupDefinition[] = (['sex', 'origin'] as const).flatMap((kind) =>
      [0, 1].map((i) => ({
        measure: 'admissions' as const,
        contributors: everyone,
        position: breakdownPosition(kind, i),
      }))
    )
    const options = { maxSolves: storedSolveBudget, persist: true }
    const alone = await discloseRollups(seriesList, totals, options)
    const together = await discloseRollups(seriesList, [...totals, ...breakdowns], options)
    assert.deepEqual(together.slice(0, totals.length), alone)

    // Per breakdown: total and categories add up, so with the total shown exactly, a
    // category is never shown exactly beside a hidden one (the hidden one would be their difference).
    const exact = (shown: ShownCount) => !isHidden(shown) && (shown.value === 0 || shown.value >= 5)
    for (const [k, kind] of ['sex', 'origin'].entries()) {
      const [first, second] = together.slice(totals.length + 2 * k, totals.length + 2 * k + 2)
      if (exact(together[0])) {
        assert.isFalse(exact(first) && !exact(second), `${kind}: the second is derivable`)
        assert.isFalse(exact(second) && !exact(first), `${kind}: the first is derivable`)
      }
      for (const shown of [first, second]) {
        if (!isHidden(shown)) assert.isTrue(shown.value === 0 || shown.value >= 5)
      }
    }
  })
})
