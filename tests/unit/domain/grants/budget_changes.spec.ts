import { test } from '@japa/runner'
import type { BudgetHeading, BudgetLineInput } from '#domain/budget/budget'
import { budgetHeadings, defaultBudgetRules } from '#domain/budget/budget'
import type { HeadingTotals } from '#domain/grants/budget_changes'
import {
  analyseBudgetChange,
  assignLineKeys,
  baseVersionOf,
  exceedsHeadingFlexibility,
  headingFlexibilityLimitCents,
  basisPointsAsPercent,
  compareHeadings,
  earliestAddendumEffectiveOn,
  effectiveDateProblem,
  funderAfterChange,
  headingTotalsOf,
  isSameBudget,
  quantityText,
  storedAnalysis,
} from '#domain/grants/budget_changes'

function totals(values: Partial<HeadingTotals>): HeadingTotals {
  return Object.fromEntries(budgetHeadings.map((h) => [h, values[h] ?? 0])) as HeadingTotals
}

function line(heading: BudgetHeading, cents: number, thirdParty?: string): BudgetLineInput {
  return {
    heading,
    label: heading,
    unit: 'lump sum',
    quantity: '1',
    unitCostCents: cents,
    thirdParty,
  }
}

function headingOf(comparison: ReturnType<typeof compareHeadings>, heading: BudgetHeading) {
  return comparison.headings.find((h) => h.heading === heading)!
}

test.group('Budget changes | classification per heading', () => {
  test('exactly 25 % up or down is a notification', ({ assert }) => {
    const up = compareHeadings(
      totals({ human_resources: 100_000, travel: 100_000 }),
      totals({ human_resources: 125_000, travel: 75_000 })
    )
    assert.equal(up.kind, 'notification')
    assert.equal(headingOf(up, 'human_resources').changeCents, 25_000)
    assert.equal(headingOf(up, 'human_resources').changeBp, 2500n)
    assert.equal(headingOf(up, 'travel').changeBp, -2500n)
    assert.isFalse(headingOf(up, 'travel').needsAddendum)
  })

  test('25 % and one cent is an addendum, shown as 2501 basis points', ({ assert }) => {
    const over = compareHeadings(
      totals({ human_resources: 100_000, travel: 100_000 }),
      totals({ human_resources: 125_001, travel: 74_999 })
    )
    assert.equal(over.kind, 'addendum')
    assert.isTrue(headingOf(over, 'human_resources').needsAddendum)
    assert.equal(headingOf(over, 'human_resources').changeBp, 2501n)
    assert.equal(headingOf(over, 'travel').changeBp, -2501n)

    const cutOnly = compareHeadings(totals({ travel: 100_000 }), totals({ travel: 74_999 }))
    assert.equal(cutOnly.kind, 'addendum')
  })

  test('the comparison is exact for amounts no percentage divides evenly', ({ assert }) => {
    // 4 × 1 = 4 > 3: one cent on a base of three is over 25 %; on a base of four it is exactly 25 %.
    assert.equal(compareHeadings(totals({ travel: 3 }), totals({ travel: 4 })).kind, 'addendum')
    assert.equal(compareHeadings(totals({ travel: 4 }), totals({ travel: 5 })).kind, 'notification')
    // 33 333 333 × 4 = 133 333 332 ≤ 133 333 333: still a notification.
    const base = 133_333_333
    assert.equal(
      compareHeadings(totals({ other: base }), totals({ other: base + 33_333_333 })).kind,
      'notification'
    )
    assert.equal(
      compareHeadings(totals({ other: base }), totals({ other: base + 33_333_334 })).kind,
      'addendum'
    )
  })

  test('a heading with nothing in the base that gets money needs an addendum', ({ assert }) => {
    const comparison = compareHeadings(
      totals({ human_resources: 1_000_000 }),
      totals({ human_resources: 999_999, equipment_supplies: 1 })
    )
    assert.equal(comparison.kind, 'addendum')
    assert.isNull(headingOf(comparison, 'equipment_supplies').changeBp)
    assert.isTrue(headingOf(comparison, 'equipment_supplies').needsAddendum)
    assert.isFalse(headingOf(comparison, 'local_office').needsAddendum)
  })

  test('the flexibility limit is a parameter (15 % in older PRAG versions)', ({ assert }) => {
    const base = totals({ travel: 100_000 })
    assert.equal(compareHeadings(base, totals({ travel: 115_000 }), 1500).kind, 'notification')
    assert.equal(compareHeadings(base, totals({ travel: 115_001 }), 1500).kind, 'addendum')
  })
})

test.group('Budget changes | the base is the original or last amended budget', () => {
  const v1 = [line('human_resources', 100_000), line('travel', 100_000)]
  const rules = defaultBudgetRules

  test('two notifications add up against the original budget', ({ assert }) => {
    const v2 = [line('human_resources', 120_000), line('travel', 80_000)]
    const v3 = [line('human_resources', 130_000), line('travel', 70_000)]

    const first = compareHeadings(headingTotalsOf(v1, rules), headingTotalsOf(v2, rules))
    assert.equal(first.kind, 'notification')

    // Against the last notification it would look like +8.33 %; the rule measures against v1.
    const base = baseVersionOf([{ kind: 'notification', status: 'recorded', toVersion: 2 }])
    assert.equal(base, 1)
    const naive = compareHeadings(headingTotalsOf(v2, rules), headingTotalsOf(v3, rules))
    assert.equal(naive.kind, 'notification')
    const cumulative = compareHeadings(headingTotalsOf(v1, rules), headingTotalsOf(v3, rules))
    assert.equal(cumulative.kind, 'addendum')
    assert.equal(headingOf(cumulative, 'human_resources').changeBp, 3000n)
  })

  test('after an approved addendum, changes are measured against the amended budget', ({
    assert,
  }) => {
    const history = [
      { kind: 'addendum' as const, status: 'approved' as const, toVersion: 2 },
      { kind: 'notification' as const, status: 'recorded' as const, toVersion: 3 },
      { kind: 'addendum' as const, status: 'refused' as const, toVersion: null },
      { kind: 'addendum' as const, status: 'requested' as const, toVersion: null },
    ]
    assert.equal(baseVersionOf(history), 2)
    assert.equal(baseVersionOf([]), 1)

    const v2 = [line('human_resources', 200_000), line('travel', 100_000)]
    const proposal = [line('human_resources', 240_000), line('travel', 100_000)]
    // +140 % against v1, +20 % against the amended v2.
    assert.equal(
      compareHeadings(headingTotalsOf(v1, rules), headingTotalsOf(proposal, rules)).kind,
      'addendum'
    )
    assert.equal(
      compareHeadings(headingTotalsOf(v2, rules), headingTotalsOf(proposal, rules)).kind,
      'notification'
    )
  })
})

test.group('Budget changes | TEC, F and co-financing', () => {
  const base = [line('human_resources', 100_000_000), line('travel', 5_263_158)]

  test('F never rises when the budget grows; co-financing takes the difference', ({ assert }) => {
    const analysis = analyseBudgetChange({
      baseLines: base,
      proposedLines: [line('human_resources', 110_000_000), line('travel', 5_263_158)],
      funderBeforeCents: 100_000_000,
      totalEligibleBeforeCents: 105_263_158,
      budgetRules: defaultBudgetRules,
    })
    assert.equal(analysis.kind, 'addendum')
    assert.deepEqual(analysis.addendumReasons, ['TEC_CHANGED'])
    assert.equal(analysis.totalEligibleAfterCents, 115_263_158)
    assert.equal(analysis.funderAfterCents, 100_000_000)
    assert.equal(analysis.cofinancingAfterCents, 15_263_158)
    assert.equal(analysis.cofinancingBeforeCents, 5_263_158)
  })

  test('when TEC falls, F falls to the floor of 95 % of the new TEC', ({ assert }) => {
    // TEC 1 052 631.57 × 95 % = 999 999.9915 → 999 999.99 (floored), DOMAIN-RULES §3.
    const analysis = analyseBudgetChange({
      baseLines: base,
      proposedLines: [line('human_resources', 100_000_000), line('travel', 5_263_157)],
      funderBeforeCents: 100_000_000,
      totalEligibleBeforeCents: 105_263_158,
      budgetRules: defaultBudgetRules,
    })
    assert.equal(analysis.funderAfterCents, 99_999_999)
    assert.equal(analysis.cofinancingAfterCents, 5_263_158)
    assert.equal(
      analysis.funderAfterCents + analysis.cofinancingAfterCents,
      analysis.totalEligibleAfterCents
    )
    assert.equal(funderAfterChange(500, 700), 500)
    assert.equal(funderAfterChange(500, 499), 499)
  })

  test('the proposed budget must keep the D/I/C rules', ({ assert }) => {
    const analysis = analyseBudgetChange({
      baseLines: base,
      proposedLines: [...base, line('indirect', 8_000_000)],
      funderBeforeCents: 100_000_000,
      totalEligibleBeforeCents: 105_263_158,
      budgetRules: defaultBudgetRules,
    })
    assert.deepEqual(
      analysis.violations.map((v) => v.code),
      ['INDIRECT_OVER_CAP']
    )
  })

  test('the FSTP line cannot fall below the sub-grants already awarded from it', ({ assert }) => {
    const lines = [line('human_resources', 1_000_000), line('other', 600_000, 'Shelters')]
    const analysis = analyseBudgetChange({
      baseLines: lines,
      proposedLines: [line('human_resources', 1_100_000), line('other', 500_000, 'Shelters')],
      funderBeforeCents: 1_520_000,
      totalEligibleBeforeCents: 1_600_000,
      budgetRules: { ...defaultBudgetRules, maxPerThirdPartyCents: 6_000_000 },
      awardedSubGrantsCents: 550_000,
    })
    assert.deepEqual(
      analysis.violations.map((v) => v.code),
      ['FSTP_LINE_BELOW_AWARDED']
    )
  })

  test('the stored analysis carries basis points as integer strings', ({ assert }) => {
    const analysis = analyseBudgetChange({
      baseLines: base,
      proposedLines: [line('human_resources', 125_000_000), line('travel', 5_263_158)],
      funderBeforeCents: 100_000_000,
      totalEligibleBeforeCents: 105_263_158,
      budgetRules: defaultBudgetRules,
    })
    const stored = storedAnalysis(analysis, 1)
    assert.equal(stored.headings.find((h) => h.heading === 'human_resources')!.changeBp, '2500')
    assert.isNull(stored.headings.find((h) => h.heading === 'other')!.changeBp)
    assert.equal(JSON.parse(JSON.stringify(stored)).baseVersion, 1)
  })
})

test.group('Budget changes | dates, sameness and display', () => {
  test('an addendum is requested at least 30 days before it takes effect', ({ assert }) => {
    assert.equal(earliestAddendumEffectiveOn('2027-01-31'), '2027-03-02')
    assert.equal(
      effectiveDateProblem('addendum', '2027-03-01', '2027-01-31', '2028-06-30'),
      'addendum_notice'
    )
    assert.isNull(effectiveDateProblem('addendum', '2027-03-02', '2027-01-31', '2028-06-30'))
    assert.isNull(effectiveDateProblem('notification', '2027-01-31', '2027-01-31', '2028-06-30'))
    assert.equal(
      effectiveDateProblem('notification', '2028-07-01', '2027-01-31', '2028-06-30'),
      'after_grant_end'
    )
  })

  test('a proposal that repeats the budget is recognised, quantities compared as numbers', ({
    assert,
  }) => {
    const current = [{ ...line('travel', 1000), quantity: '2.50' }]
    assert.isTrue(isSameBudget(current, [{ ...line('travel', 1000), quantity: '2.5' }]))
    assert.isFalse(isSameBudget(current, [{ ...line('travel', 1001), quantity: '2.5' }]))
    assert.isFalse(isSameBudget(current, [...current, line('other', 1)]))
    assert.equal(quantityText(250), '2.50')
    assert.equal(quantityText(300), '3')
    assert.equal(quantityText(5), '0.05')
  })

  test('basis points are shown as signed percentages without floats', ({ assert }) => {
    assert.equal(basisPointsAsPercent(2500n), '+25.00')
    assert.equal(basisPointsAsPercent('-1234', ','), '-12,34')
    assert.equal(basisPointsAsPercent(0n), '0.00')
    assert.equal(basisPointsAsPercent(5n), '+0.05')
  })
})

test.group('Budget changes | notifications only reallocate', () => {
  // HR 100 000.00, travel 100 000.00: TEC 200 000.00, F 190 000.00 (95 %).
  const base = [line('human_resources', 10_000_000), line('travel', 10_000_000)]
  const grant = { funderBeforeCents: 19_000_000, totalEligibleBeforeCents: 20_000_000 }
  const step = (current: BudgetLineInput[], hr: number, travel: number) =>
    analyseBudgetChange({
      baseLines: base,
      currentLines: current,
      proposedLines: [line('human_resources', hr), line('travel', travel)],
      ...grant,
      budgetRules: defaultBudgetRules,
    })

  test('three notifications then the original budget again: TEC, F and the share never move', ({
    assert,
  }) => {
    let current = base
    for (const [hr, travel] of [
      [8_000_000, 12_000_000],
      [9_000_000, 11_000_000],
      [7_500_000, 12_500_000],
      [10_000_000, 10_000_000],
    ]) {
      const analysis = step(current, hr, travel)
      assert.equal(analysis.kind, 'notification')
      assert.deepEqual(analysis.refusals, [])
      assert.equal(analysis.totalEligibleAfterCents, 20_000_000)
      assert.equal(analysis.funderAfterCents, 19_000_000)
      assert.equal(analysis.cofinancingAfterCents, 1_000_000)
      // share = F / TEC, compared as a cross product
      assert.equal(
        analysis.funderAfterCents * 20_000_000,
        19_000_000 * analysis.totalEligibleAfterCents
      )
      current = [line('human_resources', hr), line('travel', travel)]
    }
  })

  test('raising one heading by 25 % raises TEC: an addendum, never a notification', ({
    assert,
  }) => {
    const analysis = step(base, 12_500_000, 10_000_000)
    assert.equal(analysis.kind, 'addendum')
    assert.deepEqual(analysis.addendumReasons, ['TEC_CHANGED'])
  })

  test('the net change is measured against the baseline, not the last notification', ({
    assert,
  }) => {
    // After a notification to 80 000 / 120 000, 74 000 / 126 000 is −26 % / +26 % of the baseline.
    const analysis = step(
      [line('human_resources', 8_000_000), line('travel', 12_000_000)],
      7_400_000,
      12_600_000
    )
    assert.equal(analysis.kind, 'addendum')
    assert.deepEqual(analysis.addendumReasons, ['HEADING_OVER_FLEXIBILITY'])
  })

  test('money out of the contingency is refused: it needs a contingency release', ({ assert }) => {
    const withReserve = [...base, line('contingency', 500_000)]
    const analysis = analyseBudgetChange({
      baseLines: withReserve,
      currentLines: withReserve,
      proposedLines: [line('human_resources', 10_500_000), line('travel', 10_000_000)],
      funderBeforeCents: 19_475_000,
      totalEligibleBeforeCents: 20_500_000,
      budgetRules: defaultBudgetRules,
    })
    assert.deepEqual(
      analysis.refusals.map((r) => r.code),
      ['CONTINGENCY_RELEASE_NEEDED']
    )
    assert.include(analysis.refusals[0].message, 'contingency release')
  })

  test('a larger contingency is an addendum', ({ assert }) => {
    const analysis = analyseBudgetChange({
      baseLines: base,
      currentLines: base,
      proposedLines: [...base, line('contingency', 100_000)],
      ...grant,
      budgetRules: defaultBudgetRules,
    })
    assert.equal(analysis.kind, 'addendum')
    assert.includeMembers(analysis.addendumReasons, ['CONTINGENCY_GROWS', 'TEC_CHANGED'])
  })

  test('an addendum may lower F, never below what was paid less recoveries', ({ assert }) => {
    // Every heading −25 %: TEC 150 000.00 → F max 142 500.00, but 150 000.00 is already paid net.
    const analysis = analyseBudgetChange({
      baseLines: base,
      currentLines: base,
      proposedLines: [line('human_resources', 7_500_000), line('travel', 7_500_000)],
      ...grant,
      paidLessRecoveredCents: 15_000_000,
      budgetRules: defaultBudgetRules,
    })
    assert.equal(analysis.kind, 'addendum')
    assert.equal(analysis.funderAfterCents, 14_250_000)
    assert.deepEqual(
      analysis.refusals.map((r) => r.code),
      ['FUNDER_BELOW_PAID']
    )
    const allowed = analyseBudgetChange({
      baseLines: base,
      currentLines: base,
      proposedLines: [line('human_resources', 7_500_000), line('travel', 7_500_000)],
      ...grant,
      paidLessRecoveredCents: 14_250_000,
      budgetRules: defaultBudgetRules,
    })
    assert.deepEqual(allowed.refusals, [])
  })
})

test.group('Budget changes | heading flexibility of expense lines', () => {
  test('the limit is 125 % of the baseline heading, floored, plus released contingency', ({
    assert,
  }) => {
    assert.equal(headingFlexibilityLimitCents(10_000_000), 12_500_000)
    assert.equal(headingFlexibilityLimitCents(333), 416) // 416.25 floored
    assert.equal(headingFlexibilityLimitCents(10_000_000, 200_000), 12_700_000)
    assert.isFalse(exceedsHeadingFlexibility(12_500_000, 10_000_000))
    assert.isTrue(exceedsHeadingFlexibility(12_500_001, 10_000_000))
    assert.isFalse(exceedsHeadingFlexibility(12_700_000, 10_000_000, 200_000))
  })

  test('notifications do not compound: the limit of a heading raised to 125 % stays 125 % of the baseline', ({
    assert,
  }) => {
    // Current heading 125 000.00 after a notification; 156 250.00 claimed is over the limit.
    assert.isTrue(exceedsHeadingFlexibility(15_625_000, 10_000_000))
    assert.isFalse(exceedsHeadingFlexibility(15_625_000, 12_500_000))
  })
})

test.group('Budget changes | stable line keys', () => {
  const current = [
    { ...line('human_resources', 100), lineKey: 'k-hr' },
    { ...line('travel', 100), lineKey: 'k-tr' },
  ]
  let counter = 0
  const newKey = () => `new-${++counter}`

  test('named keys are kept, unnamed lines match by heading and label, new lines get a new key', ({
    assert,
  }) => {
    counter = 0
    const result = assignLineKeys(
      current,
      [
        { ...line('travel', 200), label: 'Field visits (renamed)', lineKey: 'k-tr' },
        line('human_resources', 300),
        line('equipment_supplies', 50),
      ],
      newKey
    )
    assert.deepEqual('lines' in result ? result.lines.map((l) => l.lineKey) : [], [
      'k-tr',
      'k-hr',
      'new-1',
    ])
  })

  test('an unknown or repeated key is a problem', ({ assert }) => {
    assert.deepEqual(assignLineKeys(current, [{ ...line('travel', 1), lineKey: 'nope' }], newKey), {
      problem: 'UNKNOWN_LINE_KEY',
      key: 'nope',
    })
    assert.deepEqual(
      assignLineKeys(
        current,
        [
          { ...line('travel', 1), lineKey: 'k-tr' },
          { ...line('travel', 2), lineKey: 'k-tr' },
        ],
        newKey
      ),
      { problem: 'DUPLICATE_LINE_KEY', key: 'k-tr' }
    )
  })
})
