import { test } from '@japa/runner'
import { budgetVsActual, costPerBedDayCents, reportTotals } from '#domain/reports/report_totals'

test.group('Report totals | per heading and per standard', () => {
  test('sums claimed and admitted, counting unverified lines apart', ({ assert }) => {
    const totals = reportTotals([
      { heading: 'travel', standard: 'MS-03', claimedCents: 1_000, admittedCents: 800 },
      {
        heading: 'human_resources',
        standard: 'MS-09',
        claimedCents: 50_000,
        admittedCents: 50_000,
      },
      { heading: 'travel', standard: 'organisational', claimedCents: 2_500, admittedCents: null },
      { heading: null, standard: 'MS-03', claimedCents: 700, admittedCents: 0 },
      { heading: 'human_resources', standard: 'MS-01', claimedCents: 1, admittedCents: null },
    ])
    assert.deepEqual(totals.byHeading, [
      {
        heading: 'human_resources',
        claimedCents: 50_001,
        admittedCents: 50_000,
        unverifiedCents: 1,
      },
      { heading: 'travel', claimedCents: 3_500, admittedCents: 800, unverifiedCents: 2_500 },
      { heading: null, claimedCents: 700, admittedCents: 0, unverifiedCents: 0 },
    ])
    assert.deepEqual(totals.byStandard, [
      { standard: 'MS-01', claimedCents: 1, admittedCents: 0, unverifiedCents: 1 },
      { standard: 'MS-03', claimedCents: 1_700, admittedCents: 800, unverifiedCents: 0 },
      { standard: 'MS-09', claimedCents: 50_000, admittedCents: 50_000, unverifiedCents: 0 },
      { standard: 'organisational', claimedCents: 2_500, admittedCents: 0, unverifiedCents: 2_500 },
    ])
    assert.deepEqual(totals.total, {
      claimedCents: 54_201,
      admittedCents: 50_800,
      unverifiedCents: 2_501,
    })
    assert.equal(totals.unverifiedLines, 2)
  })

  test('the per-heading and per-standard sums add up to the grand totals', ({ assert }) => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      heading: (['travel', 'local_office', null] as const)[i % 3],
      standard: `MS-0${(i % 9) + 1}`,
      claimedCents: 1_000 + i * 37,
      admittedCents: i % 4 === 0 ? null : 900 + i,
    }))
    const totals = reportTotals(lines)
    const add = (rows: { claimedCents: number; admittedCents: number }[]) => [
      rows.reduce((s, r) => s + r.claimedCents, 0),
      rows.reduce((s, r) => s + r.admittedCents, 0),
    ]
    const grand = [totals.total.claimedCents, totals.total.admittedCents]
    assert.deepEqual(add(totals.byHeading), grand)
    assert.deepEqual(add(totals.byStandard), grand)
  })

  test('a standard outside the default catalogue comes after it', ({ assert }) => {
    const totals = reportTotals([
      { heading: 'travel', standard: 'MS-11', claimedCents: 5, admittedCents: 5 },
      { heading: 'travel', standard: 'MS-02', claimedCents: 5, admittedCents: 5 },
    ])
    assert.deepEqual(
      totals.byStandard.map((row) => row.standard),
      ['MS-02', 'MS-11']
    )
  })

  test('no lines, no rows', ({ assert }) => {
    const totals = reportTotals([])
    assert.deepEqual(totals.byHeading, [])
    assert.deepEqual(totals.total, { claimedCents: 0, admittedCents: 0, unverifiedCents: 0 })
  })

  test('refuses negative or fractional amounts', ({ assert }) => {
    assert.throws(
      () =>
        reportTotals([
          { heading: 'travel', standard: 'MS-01', claimedCents: -1, admittedCents: 0 },
        ]),
      /negative/
    )
    assert.throws(
      () =>
        reportTotals([
          { heading: 'travel', standard: 'MS-01', claimedCents: 1, admittedCents: 0.5 },
        ]),
      /Not an integer/
    )
  })

  test('grouped entries (SQL sums) give the totals of the lines they stand for', ({ assert }) => {
    const lines = [
      { heading: 'travel' as const, standard: 'MS-03', claimedCents: 1_001, admittedCents: null },
      { heading: 'travel' as const, standard: 'MS-03', claimedCents: 2_002, admittedCents: null },
      { heading: 'travel' as const, standard: 'MS-03', claimedCents: 3_003, admittedCents: 3_000 },
      { heading: null, standard: 'MS-02', claimedCents: 404, admittedCents: null },
    ]
    const grouped = reportTotals([
      {
        heading: 'travel',
        standard: 'MS-03',
        claimedCents: 3_003,
        admittedCents: null,
        lineCount: 2,
      },
      {
        heading: 'travel',
        standard: 'MS-03',
        claimedCents: 3_003,
        admittedCents: 3_000,
        lineCount: 1,
      },
      { heading: null, standard: 'MS-02', claimedCents: 404, admittedCents: null, lineCount: 1 },
    ])
    assert.deepEqual(grouped, reportTotals(lines))
    assert.equal(grouped.unverifiedLines, 3)
  })
})

test.group('Report totals | cost per occupied bed-day', () => {
  test('cost / bed-days, rounded half up to the cent', ({ assert }) => {
    // Raba Voca 2013 (DOMAIN.md §8.2): 59 400.00 / (10 beds × 365) = 16.2739… → 16.27.
    assert.equal(costPerBedDayCents(5_940_000, 3_650), 1_627)
    assert.equal(costPerBedDayCents(5, 2), 3) // 2.5 → 3
    assert.equal(costPerBedDayCents(7, 3), 2) // 2.33 → 2
    assert.equal(costPerBedDayCents(0, 10), 0)
  })

  test('null without bed-days; refuses negative or fractional bed-days', ({ assert }) => {
    assert.isNull(costPerBedDayCents(100_000, 0))
    assert.throws(() => costPerBedDayCents(100, -1), /Bed-days/)
    assert.throws(() => costPerBedDayCents(100, 1.5), /Bed-days/)
  })
})

test.group('Report totals | budget against actual', () => {
  const budgetLines = [
    { id: 1, heading: 'human_resources' as const, label: 'Social worker', totalCents: 100_000 },
    { id: 2, heading: 'human_resources' as const, label: 'Psychologist', totalCents: 50_000 },
    { id: 3, heading: 'travel' as const, label: 'Escorts', totalCents: 3 },
    { id: 4, heading: 'equipment_supplies' as const, label: 'Beds', totalCents: 0 },
  ]

  test('per line: planned, claimed, admitted, remaining and used share', ({ assert }) => {
    const actual = budgetVsActual(
      budgetLines,
      new Map([
        [1, 120_000],
        [3, 1],
        [4, 500],
        [99, 7],
      ]),
      new Map([
        [1, 130_000],
        [2, 10_000],
        [3, 1],
        [4, 500],
      ])
    )
    assert.deepEqual(actual.lines, [
      {
        id: 1,
        heading: 'human_resources',
        label: 'Social worker',
        plannedCents: 100_000,
        claimedCents: 130_000,
        admittedCents: 120_000,
        remainingCents: -20_000,
        usedBp: 12_000,
      },
      {
        id: 2,
        heading: 'human_resources',
        label: 'Psychologist',
        plannedCents: 50_000,
        claimedCents: 10_000,
        admittedCents: 0,
        remainingCents: 50_000,
        usedBp: 0,
      },
      {
        id: 3,
        heading: 'travel',
        label: 'Escorts',
        plannedCents: 3,
        claimedCents: 1,
        admittedCents: 1,
        remainingCents: 2,
        usedBp: 3_333, // 1/3 floored
      },
      {
        id: 4,
        heading: 'equipment_supplies',
        label: 'Beds',
        plannedCents: 0,
        claimedCents: 500,
        admittedCents: 500,
        remainingCents: -500,
        usedBp: null,
      },
    ])
    assert.deepEqual(
      actual.headings.map((h) => h.heading),
      ['human_resources', 'travel', 'equipment_supplies']
    )
    const hr = actual.headings[0]
    assert.equal(hr.plannedCents, 150_000)
    assert.equal(hr.admittedCents, 120_000)
    assert.equal(hr.usedBp, 8_000)
    assert.isFalse(hr.overFlexibility)
    assert.isTrue(actual.headings[2].overFlexibility) // admitted on a heading planned at 0
    // The amount under the unknown id 99 is left out.
    assert.equal(actual.total.admittedCents, 120_501)
    assert.equal(actual.total.plannedCents, 150_003)
  })

  test('over the flexibility limit only beyond 125 %, exactly', ({ assert }) => {
    const at = budgetVsActual(budgetLines, new Map([[1, 187_500]]), new Map())
    assert.isFalse(at.headings[0].overFlexibility)
    assert.equal(at.headings[0].usedBp, 12_500)
    const over = budgetVsActual(budgetLines, new Map([[1, 187_501]]), new Map())
    assert.isTrue(over.headings[0].overFlexibility)
    assert.equal(over.headings[0].usedBp, 12_500) // floored
    const strict = budgetVsActual(budgetLines, new Map([[1, 150_001]]), new Map(), 0)
    assert.isTrue(strict.headings[0].overFlexibility)
  })
})
