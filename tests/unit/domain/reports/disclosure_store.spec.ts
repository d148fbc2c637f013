import { test } from '@japa/runner'
import type { StatisticCount, StatisticsTables, StatisticsView } from '#domain/reports/statistics'
import {
  ageBands,
  exitMeasures,
  origins,
  personMeasures,
  sexes,
  statisticsTables,
} from '#domain/reports/statistics'
import type { PatternStore } from '#domain/reports/disclosure'
import {
  discloseSeries,
  forgetPatterns,
  isHidden,
  leastSuppression,
  patternKey,
  settleSeries,
  storedSolveBudget,
  viewSolveBudget,
} from '#domain/reports/disclosure'

/** A store in memory that counts its reads and writes. */
function memoryStore() {
  const rows = new Map<string, string>()
  const counts = { loads: 0, saves: 0 }
  const store: PatternStore = {
    async load(key) {
      counts.loads++
      return rows.get(key) ?? null
    },
    async save(key, json) {
      counts.saves++
      rows.set(key, json)
    },
  }
  return { store, rows, counts }
}

/** One shelter over `periods` periods with many small counts (a fixed pseudo-random sequence). */
export function smallShelter(seed: number, periods: number): StatisticsTables[] {
  let a = seed
  const random = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(random() * (max + 1))
  const cells = sexes.flatMap((sex) =>
    ageBands.flatMap((ageBand) => origins.map((origin) => ({ sex, ageBand, origin })))
  )
  const residents = new Map(cells.map((c) => [c, random() < 0.5 ? int(3) : 0]))
  const series: StatisticsTables[] = []
  for (let k = 0; k < periods; k++) {
    const counts: StatisticCount[] = []
    for (const c of cells) {
      const admissions = random() < 0.6 ? int(4) : 0
      let left = residents.get(c)! + admissions
      const exits = exitMeasures.map(() => {
        const out = int(Math.min(left, 1))
        left -= out
        return out
      })
      residents.set(c, left)
      counts.push(
        { measure: 'admissions', ...c, count: admissions },
        ...exitMeasures.map((measure, i) => ({ measure, ...c, count: exits[i] })),
        { measure: 'residents_end', ...c, count: left },
        { measure: 'bed_days', ...c, count: left * 90 }
      )
    }
    series.push(statisticsTables(counts, [{ source: 'police', count: int(6) }]))
  }
  return series
}

/** Which person-count entries of the views are hidden, position by position. */
function hiddenPositions(views: readonly StatisticsView[]) {
  return views.flatMap((view) =>
    personMeasures.flatMap((m) =>
      [view.measures[m].bySexAndAgeBand, view.measures[m].byOriginAndSex].flatMap((t) =>
        [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total].map(isHidden)
      )
    )
  )
}

const outsider = { insider: false }

test.group('Disclosure | stored patterns and budgets', (group) => {
  group.each.setup(() => forgetPatterns())

  test('the pattern is computed once when the data changes; a view only reads it', async ({
    assert,
  }) => {
    const series = smallShelter(11, 3)
    const { store, rows, counts } = memoryStore()

    let started = performance.now()
    const settled = await settleSeries(series, store)
    const settleMs = performance.now() - started
    assert.isTrue(settled.settled)
    assert.isTrue(rows.has(patternKey(series)))

    // Another process (an empty memory cache) reads the stored pattern: no solve.
    forgetPatterns()
    const loadsBefore = counts.loads
    started = performance.now()
    const views = await discloseSeries(series, outsider, { store })
    const storedViewMs = performance.now() - started
    assert.deepEqual(views, settled.views)
    assert.equal(counts.loads, loadsBefore + 1)
    assert.equal(counts.saves, 1)

    // A cold view without a stored pattern: bounded by the view budget.
    forgetPatterns()
    started = performance.now()
    const cold = await leastSuppression(series)
    const coldViewMs = performance.now() - started
    assert.isAtMost(cold.solves, viewSolveBudget)
    console.log(
      `  stored pattern of 3 periods: settle ${settleMs.toFixed(0)} ms (${settled.solves} solves, ` +
        `complete ${settled.complete}); view from the store ${storedViewMs.toFixed(1)} ms; ` +
        `view without it ${coldViewMs.toFixed(0)} ms (${cold.solves} solves, complete ${cold.complete})`
    )
  }).timeout(300_000)

  test('a budget cuts the fixed greedy short: the same for the same data, never showing more', async ({
    assert,
  }) => {
    const series = smallShelter(23, 3)
    const full = await leastSuppression(series, { maxSolves: storedSolveBudget })
    assert.isTrue(full.complete)
    const fullHidden = hiddenPositions(full.views)
    for (const budget of [5, 40, 120]) {
      forgetPatterns()
      const once = await leastSuppression(series, { maxSolves: budget })
      forgetPatterns()
      const again = await leastSuppression(series, { maxSolves: budget })
      assert.deepEqual(once.views, again.views, `budget ${budget}`)
      assert.isFalse(once.complete, `budget ${budget}`)
      assert.isFalse(once.settled)
      // Whatever the cut shows, the full pattern shows too.
      hiddenPositions(once.views).forEach((hidden, i) => {
        if (!hidden) assert.isFalse(fullHidden[i], `budget ${budget}, position ${i}`)
      })
      assert.isAtLeast(once.hidden, full.hidden)
    }
  }).timeout(300_000)

  test('the publication minimum is part of the key: a new minimum is a new pattern', async ({
    assert,
  }) => {
    const series = smallShelter(11, 1)
    assert.notEqual(patternKey(series, 5), patternKey(series, 3))
    const { store, rows } = memoryStore()
    await settleSeries(series, store, 5)
    await settleSeries(series, store, 3)
    assert.equal(rows.size, 2)
  }).timeout(300_000)
})
