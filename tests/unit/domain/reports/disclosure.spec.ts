import { test } from '@japa/runner'
import type { ShownCount, StatisticCount, StatisticsView } from '#domain/reports/statistics'
import { personMeasures, statisticsTables } from '#domain/reports/statistics'
import {
  discloseAuditPayload,
  discloseRollup,
  discloseSeries,
  displayCount,
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

  test('insiders see every count', ({ assert }) => {
    const [, second] = discloseSeries(series, insider)
    assert.deepEqual(second.measures.exits_reintegrated.bySexAndAgeBand.total, { value: 3 })
    assert.deepEqual(second.measures.residents_end.byOriginAndSex.cells[1][0], { value: 10 })
  })

  test('stock and flow: nothing of a series with a small count can be subtracted', ({ assert }) => {
    assert.isTrue(isProtectedSeries(series))
    const [first, second] = discloseSeries(series, outsider)
    // The residents of period 1 and the flows of period 2 are all hidden, so the
    // identity 7 + 6 − exits = 10 has no known side.
    assert.equal(displayCount(first.measures.residents_end.bySexAndAgeBand.total), 'x')
    assert.equal(displayCount(second.measures.admissions.bySexAndAgeBand.total), 'x')
    assert.equal(displayCount(second.measures.residents_end.bySexAndAgeBand.total), 'x')
    assert.equal(displayCount(second.measures.exits_reintegrated.bySexAndAgeBand.total), '<5')
    assert.equal(displayCount(second.measures.exits_left.bySexAndAgeBand.total), '<5')
    // "<5" is never a count of 5 or more; "x" never a count below 5.
    const truth = discloseSeries(series, insider)
    for (const [k, view] of discloseSeries(series, outsider).entries()) {
      const real = entries(truth[k]).map((e) => (e as { value: number }).value)
      entries(view).forEach((e: ShownCount, i) => {
        assert.property(e, 'suppressed')
        assert.equal(displayCount(e), real[i] < 5 ? '<5' : 'x')
      })
    }
  })

  test('bed-days: only the total is shown when person counts are hidden', ({ assert }) => {
    const [first] = discloseSeries(series, outsider)
    const bedDays = first.measures.bed_days
    assert.deepEqual(bedDays.bySexAndAgeBand.total, { value: 90 })
    assert.deepEqual(bedDays.bySexAndAgeBand.rowTotals.map(displayCount), ['x', 'x'])
    assert.deepEqual(bedDays.byOriginAndSex.cells.flat().map(displayCount), ['x', 'x', 'x', 'x'])
  })

  test('a series without any count from 1 to 4 is shown in full', ({ assert }) => {
    const large = [statisticsTables([fa('admissions', 10), fa('residents_end', 10)])]
    assert.isFalse(isProtectedSeries(large))
    const [view] = discloseSeries(large, outsider)
    assert.deepEqual(view.measures.admissions.bySexAndAgeBand.total, { value: 10 })
    assert.deepEqual(view.measures.exits_left.bySexAndAgeBand.total, { value: 0 })
  })

  test('referrals: 1–4 read "<5", 5 or more "x", and the total is hidden', ({ assert }) => {
    const [view] = discloseSeries(
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
    assert.deepEqual(view.referrals.counts.map(displayCount), ['<5', '0', '0', 'x', '0', '0', '0'])
    assert.equal(displayCount(view.referrals.total), 'x')
    const [small] = discloseSeries(
      [
        statisticsTables(
          [],
          [
            { source: 'police', count: 1 },
            { source: 'ngo', count: 1 },
          ]
        ),
      ],
      outsider
    )
    assert.isTrue(small.referrals.counts.every((c) => displayCount(c) === '<5'))
    assert.equal(displayCount(small.referrals.total), '<5')
  })
})

test.group('Disclosure | roll-ups', () => {
  test('a roll-up over a hidden contributor is withheld, so it cannot be subtracted', ({
    assert,
  }) => {
    // "Reintegrated victims" 2026: 10 in all, 6 of them from a shelter shown in full.
    const hiddenShelter = discloseSeries(
      [statisticsTables([fa('admissions', 4), fa('exits_reintegrated', 4)])],
      outsider
    )[0]
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
