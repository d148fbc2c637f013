import { test } from '@japa/runner'
import type { ShownCount, StatisticCount, StatisticsView } from '#domain/reports/statistics'
import { personMeasures, statisticsTables } from '#domain/reports/statistics'
import {
  discloseAuditPayload,
  discloseRollup,
  discloseRollups,
  discloseSeries,
  protectiveSeries,
  displayCount,
  storedSolveBudget,
  isProtectedSeries,
  totalHidden,
  viewerOf,
} from '#domain/reports/disclosure'

const outsider = { insider: false }
const insider = { insider: true }

const fa = (measure: StatisticCount['measure'], count: number): StatisticCount => ({
  measure,
  sex: 'female',
  ageBand: 'adult',
  origin: 'foreign',
  count,
})

/** Every entry of every person measure of a view, with its true value. */
function entries(view: StatisticsView) {
  return personMeasures.flatMap((m) =>
    [view.measures[m].bySexAndAgeBand, view.measures[m].byOriginAndSex].flatMap((t) => [
      ...t.cells.flat(),
      ...t.rowTotals,
      ...t.columnTotals,
      t.total,
    ])
  )
}

test.group('Disclosure | viewers', () => {
  test('insiders are the shelter’s organisation and MLSW officials; admins and auditors are not', ({
    assert,
  }) => {
    assert.isTrue(viewerOf([{ organisationId: 7, role: 'applicant' }], 7).insider)
    assert.isTrue(viewerOf([{ organisationId: 2, role: 'mlsw_official' }], 7).insider)
    assert.isFalse(viewerOf([{ organisationId: 1, role: 'admin' }], 7).insider)
    assert.isFalse(viewerOf([{ organisationId: 1, role: 'auditor' }], 7).insider)
    assert.isFalse(viewerOf([{ organisationId: 3, role: 'grant_manager' }], 7).insider)
  })
})

test.group('Disclosure | a series', () => {
  // Period 1: 7 residents at the end. Period 2: 6 admissions, 3 reintegrated, 10 at the end.
  const series = [
    statisticsTables([fa('admissions', 7), fa('residents_end', 7), fa('bed_days', 90)]),
    statisticsTables([
      fa('admissions', 6),
      fa('exits_reintegrated', 3),
      fa('residents_end', 10),
      fa('bed_days', 1400),
    ]),
  ]

  test('insiders see every count', async ({ assert }) => {
    const [, second] = await discloseSeries(series, insider)
    assert.deepEqual(second.measures.exits_reintegrated.bySexAndAgeBand.total, { value: 3 })
    assert.deepEqual(second.measures.residents_end.byOriginAndSex.cells[1][0], { value: 10 })
  })

  test('stock and flow: the small count cannot be subtracted, yet less is hidden', async ({
    assert,
  }) => {
    assert.isTrue(isProtectedSeries(series))
    const [first, second] = await discloseSeries(series, outsider)
    const shown = (c: ShownCount) => !('suppressed' in c)
    assert.equal(displayCount(second.measures.exits_reintegrated.bySexAndAgeBand.total), '<5')
    // 7 + 6 − exits = 10: some side of the identity stays hidden.
    const sides = [
      first.measures.residents_end.byOriginAndSex.cells[1][0],
      second.measures.admissions.byOriginAndSex.cells[1][0],
      second.measures.residents_end.byOriginAndSex.cells[1][0],
      ...(['exits_returned', 'exits_transferred', 'exits_left'] as const).map(
        (m) => second.measures[m].byOriginAndSex.cells[1][0]
      ),
    ]
    assert.isFalse(sides.every(shown))
    // "<5" is never a count of 5 or more; "x" never a count below 5 (zeros read "<5" or 0).
    const truth = await discloseSeries(series, insider)
    const disclosed = await discloseSeries(series, outsider)
    let hidden = 0
    let all = 0
    for (const [k, view] of disclosed.entries()) {
      const real = entries(truth[k]).map((e) => (e as { value: number }).value)
      entries(view).forEach((e: ShownCount, i) => {
        all++
        if (shown(e)) {
          assert.deepEqual(e, { value: real[i] })
          assert.isFalse(real[i] >= 1 && real[i] <= 4)
        } else {
          hidden++
          assert.equal(displayCount(e), real[i] < 5 ? '<5' : 'x')
        }
      })
    }
    // The least pattern shows some entries the protective pattern hid (all of them).
    assert.isBelow(hidden, all)
    const protective = protectiveSeries(series, outsider)
    assert.isTrue(protective.every((view) => entries(view).every((e) => !shown(e))))
  })

  test('bed-days: only the total is shown when person counts are hidden', async ({ assert }) => {
    const [first] = await discloseSeries(series, outsider)
    const bedDays = first.measures.bed_days
    assert.deepEqual(bedDays.bySexAndAgeBand.total, { value: 90 })
    assert.deepEqual(bedDays.bySexAndAgeBand.rowTotals.map(displayCount), ['x', 'x'])
    assert.deepEqual(bedDays.byOriginAndSex.cells.flat().map(displayCount), ['x', 'x', 'x', 'x'])
  })

  test('a series without any count from 1 to 4 is shown in full', async ({ assert }) => {
    const large = [statisticsTables([fa('admissions', 10), fa('residents_end', 10)])]
    assert.isFalse(isProtectedSeries(large))
    const [view] = await discloseSeries(large, outsider)
    assert.deepEqual(view.measures.admissions.bySexAndAgeBand.total, { value: 10 })
    assert.deepEqual(view.measures.exits_left.bySexAndAgeBand.total, { value: 0 })
  })

  test('referrals: 1–4 read "<5", 5 or more "x" or shown, and no count can be worked out', async ({
    assert,
  }) => {
    const [view] = await discloseSeries(
      [
        statisticsTables(
          [],
          [
            { source: 'police', count: 3 },
            { source: 'ngo', count: 11 },
          ]
        ),
      ],
      outsider
    )
    const counts = view.referrals.counts.map(displayCount)
    assert.equal(counts[0], '<5')
    // With the total and the other counts shown, police would be known: something else stays hidden.
    assert.isTrue(
      [...view.referrals.counts.slice(1), view.referrals.total].some((c) => 'suppressed' in c)
    )
    for (const c of [...view.referrals.counts, view.referrals.total]) {
      assert.notInclude(['1', '2', '3', '4'], displayCount(c))
    }
  })
})

test.group('Disclosure | roll-ups', () => {
  test('a roll-up over a hidden contributor is withheld, so it cannot be subtracted', async ({
    assert,
  }) => {
    // "Reintegrated victims" 2026: 10 in all, 6 of them from a shelter shown in full.
    const [hiddenShelter] = await discloseSeries(
      [statisticsTables([fa('admissions', 4), fa('exits_reintegrated', 4)])],
      outsider
    )
    assert.isTrue(totalHidden(hiddenShelter, 'exits_reintegrated'))
    const rollup = discloseRollup([
      { value: 4, hidden: true },
      { value: 6, hidden: false },
    ])
    assert.equal(displayCount(rollup), 'x')
    assert.deepEqual(
      discloseRollup([
        { value: 5, hidden: false },
        { value: 6, hidden: false },
      ]),
      { value: 11 }
    )
  })

  test('a roll-up over hidden totals is shown when nothing hidden follows from it', async ({
    assert,
  }) => {
    // Two protected shelters: the national total of admissions adds two hidden totals
    // whose sum alone pins neither. The same roll-up over one hidden total (4) and a
    // shelter the viewer sees in full (6) would give the 4 away, so it is withheld.
    const a = [statisticsTables([fa('admissions', 4), fa('residents_end', 4)])]
    const b = [statisticsTables([fa('admissions', 3), fa('residents_end', 3)])]
    const full = [statisticsTables([fa('admissions', 6), fa('residents_end', 6)])]
    const both = await discloseRollups(
      [
        { tables: a, insider: false },
        { tables: b, insider: false },
      ],
      [
        {
          measure: 'admissions',
          contributors: [
            { series: 0, report: 0 },
            { series: 1, report: 0 },
          ],
        },
      ],
      // As stored when the data changes (a view with nothing stored withholds it).
      { maxSolves: storedSolveBudget, persist: true }
    )
    assert.deepEqual(both, [{ value: 7 }])
    const withKnown = await discloseRollups(
      [
        { tables: a, insider: false },
        { tables: full, insider: true },
      ],
      [
        {
          measure: 'admissions',
          contributors: [
            { series: 0, report: 0 },
            { series: 1, report: 0 },
          ],
        },
      ]
    )
    assert.equal(displayCount(withKnown[0]), 'x')
  })

  test('a shelter’s own roll-ups are audited with its own counts known, not copied from the outsiders’', async ({
    assert,
  }) => {
    // Outsiders see the national admissions 7 = 4 + 3 (neither hidden total follows).
    // Shelter B knows its 3, so the same 7 would give it shelter A's 4: for B it is withheld.
    const a = [statisticsTables([fa('admissions', 4), fa('residents_end', 4)])]
    const b = [statisticsTables([fa('admissions', 3), fa('residents_end', 3)])]
    const national = [
      {
        measure: 'admissions' as const,
        contributors: [
          { series: 0, report: 0 },
          { series: 1, report: 0 },
        ],
      },
    ]
    const settled = { maxSolves: storedSolveBudget, persist: true }
    const outsiders = await discloseRollups(
      [
        { tables: a, insider: false },
        { tables: b, insider: false },
      ],
      national,
      settled
    )
    assert.deepEqual(outsiders, [{ value: 7 }])
    const shelterB = await discloseRollups(
      [
        { tables: a, insider: false },
        { tables: b, insider: true },
      ],
      national,
      settled
    )
    assert.equal(displayCount(shelterB[0]), 'x')
  })
})

test.group('Disclosure | audit trail', () => {
  test('outsiders see no statistic value and no address in audit payloads', ({ assert }) => {
    const payload = { totals: { exits_returned: 1, admissions: 12 }, referrals: 0 }
    assert.deepEqual(discloseAuditPayload('expense_report.statistics_saved', payload, outsider), {
      totals: { exits_returned: 'x', admissions: 'x' },
      referrals: 'x',
    })
    assert.deepEqual(
      discloseAuditPayload('expense_report.statistics_saved', payload, insider),
      payload
    )
    assert.deepEqual(
      discloseAuditPayload(
        'shelter.updated',
        { name: 'A', confidentialAddress: 'Rr. 1', addressChanged: true },
        outsider
      ),
      { name: 'A', addressChanged: true }
    )
  })
})
