import { test } from '@japa/runner'
import fc from 'fast-check'
import type { ShownCount, ShownTable, StatisticCount } from '#domain/reports/statistics'
import {
  ageBands,
  countList,
  countTable,
  displayCount,
  origins,
  personMeasures,
  sexes,
  statisticMeasures,
  statisticsTables,
  suppress,
  suppressList,
  viewFor,
} from '#domain/reports/statistics'

const hidden = (count: ShownCount) => 'suppressed' in count
const HIDDEN = { suppressed: true } as const
const v = (value: number) => ({ value })

/** Every equation of a shown table: each row, each column, and both lines of totals. */
function lines(table: ShownTable) {
  return [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]]),
    ...table.columns.map((_, j) => [...table.cells.map((row) => row[j]), table.columnTotals[j]]),
    [...table.rowTotals, table.total],
    [...table.columnTotals, table.total],
  ]
}

function entries(table: ShownTable) {
  return [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]
}

test.group('Statistics | tables', () => {
  test('countTable adds the row, column and grand totals', ({ assert }) => {
    const table = countTable(
      ['female', 'male'],
      ['under_18', 'adult'],
      [
        [3, 10],
        [0, 7],
      ]
    )
    assert.deepEqual(table.rowTotals, [13, 7])
    assert.deepEqual(table.columnTotals, [3, 17])
    assert.equal(table.total, 20)
    assert.throws(() => countTable(['a'], ['x'], [[-1]]), /non-negative/)
    assert.throws(() => countTable(['a'], ['x'], [[1.5]]), /non-negative/)
    assert.throws(() => countTable(['a'], ['x', 'y'], [[1]]), /1 × 2/)
  })

  test('suppress refuses totals that do not add up', ({ assert }) => {
    const table = countTable(['a'], ['x'], [[6]])
    assert.throws(() => suppress({ ...table, total: 7 }), /add up/)
  })
})

test.group('Statistics | suppression', () => {
  test('counts 1–4 are shown as "<5"; zero and 5 or more stay', ({ assert }) => {
    const shown = suppress(
      countTable(
        ['a', 'b'],
        ['x', 'y', 'z'],
        [
          [1, 0, 0],
          [4, 0, 0],
        ]
      )
    )
    // 1 and 4 are hidden, and so are their row totals; column x shows 5 = 1 + 4,
    // which tells neither.
    assert.deepEqual(shown.cells, [
      [HIDDEN, v(0), v(0)],
      [HIDDEN, v(0), v(0)],
    ])
    assert.deepEqual(shown.rowTotals, [HIDDEN, HIDDEN])
    assert.deepEqual(shown.columnTotals, [v(5), v(0), v(0)])
    assert.deepEqual(shown.total, v(5))
    assert.equal(displayCount(shown.cells[0][0]), '<5')
    assert.equal(displayCount(shown.cells[0][1]), '0')
    assert.equal(displayCount(v(5)), '5')
  })

  test('a table without small counts is shown in full', ({ assert }) => {
    const shown = suppress(
      countTable(
        ['a', 'b'],
        ['x', 'y'],
        [
          [5, 0],
          [12, 30],
        ]
      )
    )
    assert.isFalse(entries(shown).some(hidden))
  })

  test('a single suppressed cell in a row forces a second one', ({ assert }) => {
    const shown = suppress(
      countTable(
        ['a', 'b'],
        ['x', 'y', 'z'],
        [
          [3, 10, 12],
          [6, 8, 20],
        ]
      )
    )
    // Row a: 3 is hidden, so its smallest other non-zero cell (10) too;
    // then column x needs 6 and column y needs 8; row b then has two.
    assert.deepEqual(shown.cells, [
      [HIDDEN, HIDDEN, v(12)],
      [HIDDEN, HIDDEN, v(20)],
    ])
    assert.deepEqual(shown.rowTotals, [v(25), v(34)])
    assert.deepEqual(shown.columnTotals, [v(9), v(18), v(32)])
    assert.deepEqual(shown.total, v(59))
  })

  test('with no other non-zero cell, the total is hidden instead', ({ assert }) => {
    const shown = suppress(
      countTable(
        ['a', 'b'],
        ['x', 'y'],
        [
          [3, 0],
          [0, 9],
        ]
      )
    )
    // 3 hides its row and column totals; the column of row totals then
    // needs b's total (9), row b its cell 9, and column y, whose other cell
    // is 0, its total.
    assert.deepEqual(shown.cells, [
      [HIDDEN, v(0)],
      [v(0), HIDDEN],
    ])
    assert.deepEqual(shown.rowTotals, [HIDDEN, HIDDEN])
    assert.deepEqual(shown.columnTotals, [HIDDEN, HIDDEN])
    assert.deepEqual(shown.total, v(12))
    for (const line of lines(shown)) {
      assert.notEqual(line.filter(hidden).length, 1)
    }
  })

  test('a list (referrals) hides a second count, or its total', ({ assert }) => {
    assert.deepEqual(suppressList(countList(['a', 'b', 'c'], [3, 0, 10])), {
      keys: ['a', 'b', 'c'],
      counts: [HIDDEN, v(0), HIDDEN],
      total: v(13),
    })
    assert.deepEqual(suppressList(countList(['a', 'b'], [3, 0])).total, HIDDEN)
    assert.deepEqual(suppressList(countList(['a', 'b'], [0, 0])), {
      keys: ['a', 'b'],
      counts: [v(0), v(0)],
      total: v(0),
    })
  })

  test('property: no suppressed entry can be recovered by subtraction', () => {
    const table = fc
      .record({ rows: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 5 }) })
      .chain(({ rows, columns }) =>
        fc.array(
          fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.nat(40)), {
            minLength: columns,
            maxLength: columns,
          }),
          { minLength: rows, maxLength: rows }
        )
      )

    fc.assert(
      fc.property(table, (cells) => {
        const counts = countTable(
          cells.map((_, i) => `r${i}`),
          cells[0].map((_, j) => `c${j}`),
          cells
        )
        const shown = suppress(counts)
        const raw = [
          ...counts.cells.flat(),
          ...counts.rowTotals,
          ...counts.columnTotals,
          counts.total,
        ]
        const all = entries(shown)
        // Primary: every 1–4 is hidden; zeros are always shown; shown values are the counts.
        for (const [k, entry] of all.entries()) {
          if (raw[k] >= 1 && raw[k] <= 4 && !hidden(entry)) return false
          if (raw[k] === 0 && hidden(entry)) return false
          if (!hidden(entry) && (entry as { value: number }).value !== raw[k]) return false
        }
        // Each suppressed cell has another suppressed cell or a suppressed total
        // in its row and in its column.
        for (const [i, row] of shown.cells.entries()) {
          for (const [j, cell] of row.entries()) {
            if (!hidden(cell)) continue
            const rowOthers = [...row.filter((_, jj) => jj !== j), shown.rowTotals[i]]
            const columnOthers = [
              ...shown.cells.filter((_, ii) => ii !== i).map((r) => r[j]),
              shown.columnTotals[j],
            ]
            if (!rowOthers.some(hidden) || !columnOthers.some(hidden)) return false
          }
        }
        // Stronger: no equation of the table (totals included) has exactly one unknown.
        return lines(shown).every((line) => line.filter(hidden).length !== 1)
      }),
      { numRuns: 500 }
    )
  })
})

test.group('Statistics | views', () => {
  const counts: StatisticCount[] = [
    { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'domestic', count: 8 },
    { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'foreign', count: 6 },
    { measure: 'admissions', sex: 'female', ageBand: 'under_18', origin: 'domestic', count: 3 },
    { measure: 'admissions', sex: 'male', ageBand: 'adult', origin: 'foreign', count: 2 },
    { measure: 'admissions', sex: 'male', ageBand: 'adult', origin: 'domestic', count: 5 },
    { measure: 'bed_days', sex: 'male', ageBand: 'adult', origin: 'foreign', count: 3 },
    { measure: 'bed_days', sex: 'female', ageBand: 'adult', origin: 'domestic', count: 410 },
  ]

  test('builds sex × age band and origin × sex per measure', ({ assert }) => {
    const tables = statisticsTables(counts, [
      { source: 'police', count: 9 },
      { source: 'ngo', count: 3 },
      { source: 'police', count: 1 },
    ])
    const admissions = tables.measures.admissions
    assert.deepEqual(admissions.bySexAndAgeBand.rows, sexes)
    assert.deepEqual(admissions.bySexAndAgeBand.columns, ageBands)
    assert.deepEqual(admissions.bySexAndAgeBand.cells, [
      [3, 14],
      [0, 7],
    ])
    assert.deepEqual(admissions.byOriginAndSex.rows, origins)
    assert.deepEqual(admissions.byOriginAndSex.cells, [
      [11, 5],
      [6, 2],
    ])
    assert.equal(admissions.bySexAndAgeBand.total, 24)
    assert.equal(admissions.byOriginAndSex.total, 24)
    assert.equal(tables.measures.exits_left.bySexAndAgeBand.total, 0)
    assert.deepEqual(Object.keys(tables.measures), [...statisticMeasures])
    assert.equal(tables.referrals.counts[0], 10)
    assert.equal(tables.referrals.total, 13)
  })

  test('insiders see every count; outsiders see "<5"', ({ assert }) => {
    const tables = statisticsTables(counts, [{ source: 'ngo', count: 3 }])
    const insider = viewFor(tables, { insider: true })
    const outsider = viewFor(tables, { insider: false })
    assert.deepEqual(insider.measures.admissions.bySexAndAgeBand.cells[0][0], v(3))
    assert.deepEqual(insider.measures.admissions.byOriginAndSex.cells[1][1], v(2))
    assert.deepEqual(insider.referrals.counts[3], v(3))
    assert.deepEqual(outsider.measures.admissions.bySexAndAgeBand.cells[0][0], HIDDEN)
    assert.deepEqual(outsider.measures.admissions.byOriginAndSex.cells[1][1], HIDDEN)
    assert.deepEqual(outsider.referrals.counts[3], HIDDEN)
    assert.deepEqual(outsider.referrals.total, HIDDEN)
    // Zero is shown to everyone.
    assert.deepEqual(outsider.measures.admissions.bySexAndAgeBand.cells[1][0], v(0))
    assert.deepEqual(outsider.measures.exits_left.bySexAndAgeBand.total, v(0))
  })

  test('bed-days are not person counts and are never suppressed', ({ assert }) => {
    const outsider = viewFor(statisticsTables(counts), { insider: false })
    const bedDays = outsider.measures.bed_days
    assert.deepEqual(bedDays.bySexAndAgeBand.cells, [
      [v(0), v(410)],
      [v(0), v(3)],
    ])
    assert.deepEqual(bedDays.byOriginAndSex.total, v(413))
    assert.notInclude(personMeasures, 'bed_days')
  })

  test('property: the two tables of a measure hide the same shared totals', () => {
    const cube = fc.array(
      fc.record({
        measure: fc.constantFrom(...personMeasures),
        sex: fc.constantFrom(...sexes),
        ageBand: fc.constantFrom(...ageBands),
        origin: fc.constantFrom(...origins),
        count: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.nat(25)),
      }),
      { maxLength: 40 }
    )
    fc.assert(
      fc.property(cube, (rows) => {
        const view = viewFor(statisticsTables(rows), { insider: false })
        return personMeasures.every((measure) => {
          const { bySexAndAgeBand: first, byOriginAndSex: second } = view.measures[measure]
          const sameTotals =
            hidden(first.total) === hidden(second.total) &&
            first.rowTotals.every((t, s) => hidden(t) === hidden(second.columnTotals[s]))
          const safe = [first, second].every((t) =>
            lines(t).every((line) => line.filter(hidden).length !== 1)
          )
          return sameTotals && safe
        })
      }),
      { numRuns: 300 }
    )
  })
})
