import { test } from '@japa/runner'
import { needFromReports, resolveNeed } from '#domain/handover/need'
import { defaultStateShareBp, firstTargetYear, resolveTarget } from '#domain/handover/targets'
import { splitAmongShelters } from '#domain/handover/donor'

test.group('Handover plan: need', () => {
  test('cost per occupied bed-day × beds × 365 × occupancy, in one exact fraction', ({
    assert,
  }) => {
    // The coalition norm (DOMAIN §8.2): EUR 60 000 for 10 beds at 75 % is EUR 21.92 a bed-day.
    // 2 737.5 bed-days cannot be reported, so take a year of 2 738 at 60 000.00 → 21.9138…
    assert.equal(needFromReports({ operatingCostCents: 6000000, bedDays: 2738 }, 10, 7500), 5998904)
    // 2 737 bed-days reported, 2 737.5 expected: the need is half a bed-day dearer.
    assert.equal(needFromReports({ operatingCostCents: 5475000, bedDays: 2737 }, 10, 7500), 5476000)
    // 100 % occupancy, Raba Voca 2013: 59 400 over 3 650 bed-days, 10 beds → 59 400.
    assert.equal(
      needFromReports({ operatingCostCents: 5940000, bedDays: 3650 }, 10, 10000),
      5940000
    )
  })

  test('rounds only once, half up, at the end', ({ assert }) => {
    // 10 × 1 × 365 × 5000 / (3 × 10 000) = 608.333… → 608
    assert.equal(needFromReports({ operatingCostCents: 10, bedDays: 3 }, 1, 5000), 608)
    // 1 × 1 × 365 × 10 000 / (2 × 10 000) = 182.5 → 183
    assert.equal(needFromReports({ operatingCostCents: 1, bedDays: 2 }, 1, 10000), 183)
  })

  test('no bed-days, no computed need', ({ assert }) => {
    assert.isNull(needFromReports({ operatingCostCents: 500000, bedDays: 0 }, 12))
  })

  test('refuses impossible inputs', ({ assert }) => {
    assert.throws(() => needFromReports({ operatingCostCents: -1, bedDays: 10 }, 10))
    assert.throws(() => needFromReports({ operatingCostCents: 100, bedDays: 10 }, 0))
    assert.throws(() => needFromReports({ operatingCostCents: 100, bedDays: 10 }, 10, 10001))
    assert.throws(() => needFromReports({ operatingCostCents: 100, bedDays: 1.5 }, 10))
  })

  test('resolveNeed defaults to the reports at 75 % and shows every input', ({ assert }) => {
    const need = resolveNeed(null, { operatingCostCents: 2000000, bedDays: 1000, reports: 1 }, 12)
    assert.equal(need.method, 'reports')
    assert.equal(need.occupancyBp, 7500)
    assert.equal(need.costPerBedDayCents, 2000)
    // 20.00 × 12 × 365 × 75 % = 65 700.00
    assert.equal(need.amountCents, 6570000)
    assert.include(need, { beds: 12, daysInYear: 365, bedDays: 1000, reports: 1 })
  })

  test('an entered need wins, with its justification; the report inputs stay visible', ({
    assert,
  }) => {
    const need = resolveNeed(
      {
        method: 'entered',
        occupancyBp: 7500,
        amountCents: 6000000,
        justification: 'Coalition norm',
      },
      { operatingCostCents: 2000000, bedDays: 1000, reports: 1 },
      12
    )
    assert.equal(need.method, 'entered')
    assert.equal(need.amountCents, 6000000)
    assert.equal(need.justification, 'Coalition norm')
    assert.equal(need.costPerBedDayCents, 2000)
  })

  test('from the verified total operating cost: the review case, EUR 5 000 a bed a year', ({
    assert,
  }) => {
    // A 12-bed shelter runs on EUR 45 200.00 (all sources, verified) over 2 260 bed-days:
    // EUR 20.00 a bed-day × 12 × 365 × 75 % = EUR 65 700.00, near the MLSW norm of
    // 12 × 5 000.00; the sub-grant's admitted EUR 13 950.50 alone would give EUR 6.17 a bed-day.
    const need = resolveNeed(null, { operatingCostCents: 4520000, bedDays: 2260, reports: 1 }, 12)
    assert.equal(need.method, 'reports')
    assert.isFalse(need.withoutVerifiedCost)
    assert.equal(need.costPerBedDayCents, 2000)
    assert.equal(need.amountCents, 6570000)
    assert.equal(need.operatingCostCents, 4520000)
    // Exact, rounded once: 4 520 001 × 12 × 365 × 7 500 / (2 260 × 10 000) = 6 570 001.45… → 6 570 001
    assert.equal(needFromReports({ operatingCostCents: 4520001, bedDays: 2260 }, 12, 7500), 6570001)
    // 45 200.33 is still EUR 20.00 a bed-day once rounded, which would give 65 700.00;
    // the exact fraction gives 65 700.47966… → 65 700.48.
    assert.equal(needFromReports({ operatingCostCents: 4520033, bedDays: 2260 }, 12, 7500), 6570048)
  })

  test('without a verified operating cost the MLSW norm is used, and says so', ({ assert }) => {
    const norm = {
      method: 'reports' as const,
      occupancyBp: 7500,
      amountCents: 6000000,
      justification: 'MLSW norm: EUR 5 000 per bed a year',
    }
    const none = { operatingCostCents: 0, bedDays: 0, reports: 0 }
    const fallback = resolveNeed(norm, none, 12)
    assert.equal(fallback.method, 'entered')
    assert.isTrue(fallback.withoutVerifiedCost)
    assert.equal(fallback.amountCents, 6000000)
    assert.equal(fallback.justification, 'MLSW norm: EUR 5 000 per bed a year')
    // Once a verified figure exists it is used instead of the norm.
    const verified = resolveNeed(
      norm,
      { operatingCostCents: 4520000, bedDays: 2260, reports: 1 },
      12
    )
    assert.equal(verified.method, 'reports')
    assert.equal(verified.amountCents, 6570000)
    // Neither a verified figure nor a norm: unknown, and said so.
    const unknown = resolveNeed(null, none, 12)
    assert.isNull(unknown.amountCents)
    assert.isTrue(unknown.withoutVerifiedCost)
  })
})

test.group('Handover plan: targets', () => {
  test('the default path is 50 %, 70 %, 100 % from the first target year', ({ assert }) => {
    assert.isNull(defaultStateShareBp(2025, 2026))
    assert.equal(defaultStateShareBp(2026, 2026), 5000)
    assert.equal(defaultStateShareBp(2027, 2026), 7000)
    assert.equal(defaultStateShareBp(2028, 2026), 10000)
    assert.equal(defaultStateShareBp(2031, 2026), 10000)
  })

  test('year 1 is the year after the start, the start year itself for a January start', ({
    assert,
  }) => {
    // A March start: 2025 is the baseline, the path starts in 2026.
    assert.equal(firstTargetYear('2025-03-01'), 2026)
    assert.isNull(defaultStateShareBp(2025, firstTargetYear('2025-03-01')))
    assert.equal(defaultStateShareBp(2026, firstTargetYear('2025-03-01')), 5000)
    // A January start: 2025 is year 1 and gets its 50 % target.
    assert.equal(firstTargetYear('2025-01-01'), 2025)
    assert.equal(firstTargetYear('2025-01-31'), 2025)
    assert.equal(defaultStateShareBp(2025, firstTargetYear('2025-01-15')), 5000)
    assert.equal(defaultStateShareBp(2026, firstTargetYear('2025-01-15')), 7000)
    // The last day of the year before January still leaves the whole next year as year 1.
    assert.equal(firstTargetYear('2024-12-31'), 2025)
    assert.equal(firstTargetYear('2025-02-01'), 2026)
    assert.throws(() => firstTargetYear('2025-3-1'))
  })

  test("a shelter's own target wins over the plan's, which wins over the default", ({ assert }) => {
    const plan = { stateShareBp: 6000, municipalShareBp: null }
    const own = { stateShareBp: 4000, municipalShareBp: 2000 }
    assert.deepEqual(resolveTarget(2026, 2026, null), {
      stateShareBp: 5000,
      municipalShareBp: null,
      source: 'default',
    })
    assert.deepEqual(resolveTarget(2026, 2026, plan), { ...plan, source: 'plan' })
    assert.deepEqual(resolveTarget(2026, 2026, plan, own), { ...own, source: 'shelter' })
    assert.throws(() => resolveTarget(2026, 2026, { stateShareBp: 10001, municipalShareBp: null }))
    /* The default comes from the path passed in (the programme settings'). */
    const path = [3000, 6000]
    assert.equal(resolveTarget(2027, 2026, null, null, path).stateShareBp, 6000)
    assert.equal(resolveTarget(2030, 2026, null, null, path).stateShareBp, 6000)
    assert.equal(resolveTarget(2027, 2026, plan, null, path).stateShareBp, 6000)
    assert.equal(resolveTarget(2027, 2026, null, own, path).stateShareBp, 4000)
  })
})

test.group('Handover plan: donor funding of several shelters', () => {
  test('is split by beds and adds up to the cent', ({ assert }) => {
    const parts = splitAmongShelters(1000001, [
      { id: 1, beds: 10 },
      { id: 2, beds: 7 },
      { id: 3, beds: 3 },
    ])
    assert.equal(
      [...parts.values()].reduce((a, b) => a + b, 0),
      1000001
    )
    assert.equal(parts.get(1), 500001)
    assert.equal(parts.get(2), 350000)
    assert.equal(parts.get(3), 150000)
  })
})
