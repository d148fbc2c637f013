import { test } from '@japa/runner'
import type { StatisticCount } from '#domain/reports/statistics'
import {
  ageBands,
  countTable,
  origins,
  sexes,
  statisticMeasures,
  statisticsTables,
  stockFlowBreak,
} from '#domain/reports/statistics'

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
})

test.group('Statistics | stock-flow identity', () => {
  const at = (measure: StatisticCount['measure'], count: number): StatisticCount => ({
    measure,
    sex: 'female',
    ageBand: 'adult',
    origin: 'foreign',
    count,
  })

  test('residents at the end of k = end of k−1 + admissions − exits, per sex and origin', ({
    assert,
  }) => {
    const previous = statisticsTables([at('residents_end', 7)])
    const current = statisticsTables([
      at('admissions', 6),
      at('exits_reintegrated', 3),
      at('residents_end', 10),
    ])
    assert.isNull(stockFlowBreak(previous, current))
    // A child turning 18 changes age band, not sex or origin: still consistent.
    const aged = statisticsTables([
      at('admissions', 6),
      at('exits_reintegrated', 3),
      { ...at('residents_end', 9), ageBand: 'adult' },
      { ...at('residents_end', 1), ageBand: 'under_18' },
    ])
    assert.isNull(stockFlowBreak(previous, aged))
    const broken = statisticsTables([at('admissions', 6), at('residents_end', 10)])
    assert.deepEqual(stockFlowBreak(previous, broken), {
      sex: 'female',
      origin: 'foreign',
      expected: 13,
      reported: 10,
      withPrevious: true,
    })
  })

  test('a first report: no one leaves or stays who was neither there nor admitted', ({
    assert,
  }) => {
    // 2 admitted, 1 returned, none at the end: one person is missing.
    const missing = statisticsTables([at('admissions', 2), at('exits_returned', 1)])
    assert.deepEqual(stockFlowBreak(null, missing), {
      sex: 'female',
      origin: 'foreign',
      expected: 1,
      reported: 0,
      withPrevious: false,
    })
    // Residents already there at the start may leave or stay.
    const opening = statisticsTables([at('exits_reintegrated', 3), at('residents_end', 4)])
    assert.isNull(stockFlowBreak(null, opening))
  })
})
