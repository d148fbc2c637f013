import { test } from '@japa/runner'
import {
  budgetHeadings,
  computeBudget,
  defaultBudgetRules,
  directHeadings,
  lineTotalCents,
  parseQuantity,
  type BudgetHeading,
  type BudgetLineInput,
  type BudgetRules,
} from '#domain/budget/budget'

function line(
  heading: BudgetHeading,
  quantity: string,
  unitCostCents: number,
  thirdParty: string | null = null
): BudgetLineInput {
  return { heading, label: `${heading} line`, unit: 'unit', quantity, unitCostCents, thirdParty }
}

function rules(overrides: Partial<BudgetRules> = {}): BudgetRules {
  return { ...defaultBudgetRules, ...overrides }
}

function codes(result: { violations: { code: string }[] }) {
  return result.violations.map((violation) => violation.code)
}

test.group('Budget | headings and defaults', () => {
  test('headings follow PRAG Annex III, 1–6 are direct', ({ assert }) => {
    assert.deepEqual(
      [...budgetHeadings],
      [
        'human_resources',
        'travel',
        'equipment_supplies',
        'local_office',
        'other_costs_services',
        'other',
        'indirect',
        'contingency',
      ]
    )
    assert.deepEqual(
      [...directHeadings],
      [
        'human_resources',
        'travel',
        'equipment_supplies',
        'local_office',
        'other_costs_services',
        'other',
      ]
    )
  })

  test('default rules are the DOMAIN-RULES defaults', ({ assert }) => {
    assert.equal(defaultBudgetRules.maxFunderShareBp, 9500)
    assert.equal(defaultBudgetRules.indirectCapBp, 700)
    assert.equal(defaultBudgetRules.contingencyCapBp, 500)
    assert.equal(defaultBudgetRules.maxPerThirdPartyCents, 6_000_000)
    assert.isNotOk(defaultBudgetRules.minGrantCents)
    assert.isNotOk(defaultBudgetRules.maxGrantCents)
  })
})

test.group('Budget | quantities and line totals', () => {
  test('parseQuantity returns integer hundredths', ({ assert }) => {
    assert.equal(parseQuantity('2.25'), 225)
    assert.equal(parseQuantity('3'), 300)
    assert.equal(parseQuantity('0.5'), 50)
    assert.equal(parseQuantity('12'), 1200)
    assert.equal(parseQuantity('0.01'), 1)
    assert.equal(parseQuantity('0'), 0)
    assert.equal(parseQuantity('10.10'), 1010)
  })

  test('parseQuantity rejects over-precise, negative and non-numeric quantities', ({ assert }) => {
    for (const bad of ['1.234', '-1', 'abc', '', ' ', '1.', '.5', '1e3', '1,5', '-0.5', '+1']) {
      assert.throws(() => parseQuantity(bad), RangeError, /quantity/i)
    }
  })

  test('line totals round quantity × unit cost half up to the cent', ({ assert }) => {
    assert.equal(lineTotalCents('0.5', 333), 167) // 166.5
    assert.equal(lineTotalCents('0.5', 331), 166) // 165.5
    assert.equal(lineTotalCents('2.25', 1001), 2252) // 2252.25
    assert.equal(lineTotalCents('2.25', 1002), 2255) // 2254.5
    assert.equal(lineTotalCents('0.01', 1), 0) // 0.01
    assert.equal(lineTotalCents('0.01', 49), 0) // 0.49
    assert.equal(lineTotalCents('0.01', 50), 1) // 0.5
    assert.equal(lineTotalCents('0.01', 12345), 123) // 123.45
    assert.equal(lineTotalCents('12', 250000), 3000000)
    assert.equal(lineTotalCents('3', 0), 0)
  })

  test('line totals use exact integer arithmetic beyond 2^53', ({ assert }) => {
    assert.equal(lineTotalCents('1000000.01', 9_000_000_000), 9_000_000_090_000_000)
    assert.throws(() => lineTotalCents('1001000', 9_000_000_000), RangeError) // 9.009e15 > 2^53
  })

  test('negative or fractional unit costs are refused', ({ assert }) => {
    assert.throws(() => lineTotalCents('1', -1), RangeError)
    assert.throws(() => lineTotalCents('1', 1.5), RangeError)
    assert.throws(() => computeBudget([line('travel', '1', -100)], rules()), RangeError)
    assert.throws(() => computeBudget([line('travel', '1.234', 100)], rules()), RangeError)
  })
})

test.group('Budget | totals', () => {
  test('D, I, C, TEC, headings and line totals add up', ({ assert }) => {
    const result = computeBudget(
      [
        line('human_resources', '12', 250000), // 3,000,000
        line('travel', '0.5', 333), // 167
        line('human_resources', '2.25', 1001), // 2,252
        line('other', '1', 4000000, 'Shelter A'), // 4,000,000
        line('indirect', '1', 100000),
        line('contingency', '0.01', 50), // 1
      ],
      rules()
    )
    assert.deepEqual(result.lineTotalsCents, [3000000, 167, 2252, 4000000, 100000, 1])
    assert.deepEqual(result.headings, {
      human_resources: 3002252,
      travel: 167,
      equipment_supplies: 0,
      local_office: 0,
      other_costs_services: 0,
      other: 4000000,
      indirect: 100000,
      contingency: 1,
    })
    assert.equal(result.directCents, 7002419)
    assert.equal(result.indirectCents, 100000)
    assert.equal(result.contingencyCents, 1)
    assert.equal(result.totalEligibleCents, 7102420)
    assert.equal(result.maxFunderCents, 6747299) // 6,747,299.0
    assert.equal(result.funderCents, 6747299)
    assert.equal(result.cofinancingCents, 355121)
    assert.equal(result.cofinancingShareBp, 500) // 500.0000…
    assert.deepEqual(result.thirdParties, { 'Shelter A': 4000000 })
    assert.deepEqual(result.violations, [])
  })

  test('an empty budget is all zero and breaks no cap', ({ assert }) => {
    const result = computeBudget([], rules())
    assert.deepEqual(result.lineTotalsCents, [])
    assert.equal(result.totalEligibleCents, 0)
    assert.equal(result.maxFunderCents, 0)
    assert.equal(result.funderCents, 0)
    assert.equal(result.cofinancingCents, 0)
    assert.equal(result.cofinancingShareBp, 0)
    assert.deepEqual(result.thirdParties, {})
    assert.deepEqual(result.violations, [])
  })

  test('the co-financing share is rounded half up in basis points', ({ assert }) => {
    const lines = [line('travel', '1', 20000)]
    assert.equal(computeBudget(lines, rules(), 19999).cofinancingShareBp, 1) // 0.5 bp
    assert.equal(computeBudget(lines, rules(), 19998).cofinancingShareBp, 1) // 1.0 bp
    const thirds = [line('travel', '1', 3)]
    assert.equal(computeBudget(thirds, rules(), 1).cofinancingShareBp, 6667) // 6666.67 bp
    assert.equal(computeBudget(thirds, rules(), 2).cofinancingShareBp, 3333) // 3333.33 bp
  })
})

test.group('Budget | PRAG worked example (DOMAIN-RULES §3)', () => {
  test('TEC 1,052,631.58 → max funder 1,000,000.00, co-financing 52,631.58', ({ assert }) => {
    const result = computeBudget([line('human_resources', '1', 105263158)], rules())
    assert.equal(result.totalEligibleCents, 105263158)
    assert.equal(result.maxFunderCents, 100000000)
    assert.equal(result.funderCents, 100000000)
    assert.equal(result.cofinancingCents, 5263158)
    assert.equal(result.cofinancingShareBp, 500)
    assert.deepEqual(result.violations, [])
  })

  test('the same TEC built from several lines and headings', ({ assert }) => {
    const result = computeBudget(
      [
        line('human_resources', '24', 3000000), // 720,000.00
        line('travel', '0.5', 2999999), // 14,999.995 → 15,000.00
        line('equipment_supplies', '2.25', 4444444), // 99,999.99
        line('other', '1', 6000000, 'Shelter A'), // 60,000.00
        line('local_office', '1', 4500001), // 45,000.01 → D = 940,000.00
        line('indirect', '1', 6580000), // 65,800.00 = 7 % of D
        line('contingency', '1', 4683158), // 46,831.58 (5 % of D = 47,000.00)
      ],
      rules()
    )
    assert.deepEqual(
      result.lineTotalsCents,
      [72000000, 1500000, 9999999, 6000000, 4500001, 6580000, 4683158]
    )
    assert.equal(result.directCents, 94000000)
    assert.equal(result.totalEligibleCents, 105263158)
    assert.equal(result.maxFunderCents, 100000000)
    assert.equal(result.cofinancingCents, 5263158)
    assert.deepEqual(result.violations, [])
  })

  test('TEC 1,052,631.57 → max funder 999,999.99, not 1,000,000.00', ({ assert }) => {
    const result = computeBudget([line('human_resources', '1', 105263157)], rules())
    assert.equal(result.totalEligibleCents, 105263157)
    assert.equal(result.maxFunderCents, 99999999)
    assert.equal(result.funderCents, 99999999)
    assert.equal(result.cofinancingCents, 5263158)
    assert.deepEqual(result.violations, [])
  })

  test('a request of exactly the maximum is fine, one cent more is not', ({ assert }) => {
    const lines = [line('human_resources', '1', 105263158)]
    const atCap = computeBudget(lines, rules(), 100000000)
    assert.equal(atCap.funderCents, 100000000)
    assert.deepEqual(atCap.violations, [])

    const over = computeBudget(lines, rules(), 100000001)
    assert.equal(over.funderCents, 100000001)
    assert.equal(over.cofinancingCents, 5263157)
    assert.deepEqual(over.violations, [
      {
        code: 'FUNDER_OVER_MAX_SHARE',
        params: { funderCents: 100000001, maxCents: 100000000, shareBp: 9500, tecCents: 105263158 },
        message:
          'The funder contribution of 1,000,000.01 EUR exceeds the maximum of 1,000,000.00 EUR ' +
          '(95 % of total eligible costs of 1,052,631.58 EUR).',
      },
    ])

    const lower = computeBudget([line('human_resources', '1', 105263157)], rules(), 100000000)
    assert.deepEqual(codes(lower), ['FUNDER_OVER_MAX_SHARE'])
  })

  test('a smaller request leaves more co-financing', ({ assert }) => {
    const result = computeBudget([line('human_resources', '1', 105263158)], rules(), 90000000)
    assert.equal(result.maxFunderCents, 100000000)
    assert.equal(result.funderCents, 90000000)
    assert.equal(result.cofinancingCents, 15263158)
    assert.equal(result.cofinancingShareBp, 1450) // 1449.9999…
    assert.deepEqual(result.violations, [])
  })
})

test.group('Budget | caps at the limit and one cent past it', () => {
  test('indirect costs up to 7 % of D', ({ assert }) => {
    const direct = [line('human_resources', '1', 100000)]
    assert.deepEqual(
      computeBudget([...direct, line('indirect', '1', 7000)], rules()).violations,
      []
    )
    const over = computeBudget([...direct, line('indirect', '1', 7001)], rules())
    assert.deepEqual(over.violations, [
      {
        code: 'INDIRECT_OVER_CAP',
        params: { indirectCents: 7001, capBp: 700, directCents: 100000, maxCents: 7000 },
        message:
          'Indirect costs of 70.01 EUR exceed 7 % of direct costs of 1,000.00 EUR ' +
          '(at most 70.00 EUR).',
      },
    ])
  })

  test('the indirect cap is exact, not rounded (7 % of 1,000.01 = 70.0007)', ({ assert }) => {
    const direct = [line('human_resources', '1', 100001)]
    assert.deepEqual(codes(computeBudget([...direct, line('indirect', '1', 7000)], rules())), [])
    assert.deepEqual(codes(computeBudget([...direct, line('indirect', '1', 7001)], rules())), [
      'INDIRECT_OVER_CAP',
    ])
  })

  test('the indirect cap follows the rule data', ({ assert }) => {
    const lines = [line('travel', '1', 100000), line('indirect', '1', 7001)]
    assert.deepEqual(codes(computeBudget(lines, rules({ indirectCapBp: 701 }))), [])
    assert.deepEqual(codes(computeBudget(lines, rules({ indirectCapBp: 700 }))), [
      'INDIRECT_OVER_CAP',
    ])
  })

  test('contingency up to 5 % of D', ({ assert }) => {
    const direct = [line('human_resources', '1', 100000)]
    assert.deepEqual(codes(computeBudget([...direct, line('contingency', '1', 5000)], rules())), [])
    const over = computeBudget([...direct, line('contingency', '1', 5001)], rules())
    assert.deepEqual(over.violations, [
      {
        code: 'CONTINGENCY_OVER_CAP',
        params: { contingencyCents: 5001, capBp: 500, directCents: 100000, maxCents: 5000 },
        message:
          'The contingency reserve of 50.01 EUR exceeds 5 % of direct costs of 1,000.00 EUR ' +
          '(at most 50.00 EUR).',
      },
    ])
    const odd = [line('human_resources', '1', 100019)] // 5 % = 5,000.95 cents
    assert.deepEqual(codes(computeBudget([...odd, line('contingency', '1', 5000)], rules())), [])
    assert.deepEqual(codes(computeBudget([...odd, line('contingency', '1', 5001)], rules())), [
      'CONTINGENCY_OVER_CAP',
    ])
  })

  test('indirect costs and contingency do not count as direct costs', ({ assert }) => {
    const result = computeBudget(
      [
        line('human_resources', '1', 100000),
        line('indirect', '1', 7001),
        line('contingency', '1', 5001),
      ],
      rules()
    )
    assert.equal(result.directCents, 100000)
    assert.deepEqual(codes(result), ['INDIRECT_OVER_CAP', 'CONTINGENCY_OVER_CAP'])
  })

  test('funder share up to 95 % of TEC', ({ assert }) => {
    const lines = [line('travel', '1', 100000)]
    const atCap = computeBudget(lines, rules(), 95000)
    assert.equal(atCap.maxFunderCents, 95000)
    assert.equal(atCap.cofinancingCents, 5000)
    assert.equal(atCap.cofinancingShareBp, 500)
    assert.deepEqual(codes(atCap), [])
    assert.deepEqual(codes(computeBudget(lines, rules(), 95001)), ['FUNDER_OVER_MAX_SHARE'])
    assert.deepEqual(codes(computeBudget(lines, rules({ maxFunderShareBp: 8000 }), 80001)), [
      'FUNDER_OVER_MAX_SHARE',
    ])
    assert.deepEqual(codes(computeBudget(lines, rules({ maxFunderShareBp: 8000 }), 80000)), [])
  })

  test('third-party support up to 60,000.00 EUR, summed over its lines', ({ assert }) => {
    const atCap = computeBudget(
      [
        line('other', '1', 4000000, 'Shelter A'),
        line('other', '2', 1000000, 'Shelter A'),
        line('other', '1', 6000000, 'Shelter B'),
        line('human_resources', '1', 9000000),
      ],
      rules()
    )
    assert.deepEqual(atCap.thirdParties, { 'Shelter A': 6000000, 'Shelter B': 6000000 })
    assert.deepEqual(atCap.violations, [])

    const over = computeBudget(
      [
        line('other', '1', 4000000, 'Shelter A'),
        line('other', '1', 6000001, 'Shelter B'),
        line('other', '1', 2000001, 'Shelter A'),
        line('other', '1', 6000000, 'Shelter C'),
        line('human_resources', '1', 9000000, null),
      ],
      rules()
    )
    assert.deepEqual(over.thirdParties, {
      'Shelter A': 6000001,
      'Shelter B': 6000001,
      'Shelter C': 6000000,
    })
    assert.deepEqual(over.violations, [
      {
        code: 'THIRD_PARTY_OVER_CAP',
        params: { thirdParty: 'Shelter A', totalCents: 6000001, maxCents: 6000000 },
        message:
          'Financial support to Shelter A of 60,000.01 EUR exceeds the maximum of ' +
          '60,000.00 EUR per third party.',
        thirdParty: 'Shelter A',
      },
      {
        code: 'THIRD_PARTY_OVER_CAP',
        params: { thirdParty: 'Shelter B', totalCents: 6000001, maxCents: 6000000 },
        message:
          'Financial support to Shelter B of 60,000.01 EUR exceeds the maximum of ' +
          '60,000.00 EUR per third party.',
        thirdParty: 'Shelter B',
      },
    ])
  })

  test('the third-party cap follows the rule data', ({ assert }) => {
    const lines = [line('other', '0.5', 2001, 'Shelter A')] // 1,000.5 → 1,001
    assert.deepEqual(codes(computeBudget(lines, rules({ maxPerThirdPartyCents: 1001 }))), [])
    assert.deepEqual(codes(computeBudget(lines, rules({ maxPerThirdPartyCents: 1000 }))), [
      'THIRD_PARTY_OVER_CAP',
    ])
  })

  test('minimum grant: exactly the minimum is fine, one cent below is not', ({ assert }) => {
    const lines = [line('human_resources', '1', 10000000)]
    const withMin = rules({ minGrantCents: 1000000 })
    assert.deepEqual(codes(computeBudget(lines, withMin, 1000000)), [])
    const below = computeBudget(lines, withMin, 999999)
    assert.deepEqual(below.violations, [
      {
        code: 'BELOW_MIN_GRANT',
        params: { funderCents: 999999, minCents: 1000000 },
        message:
          "The funder contribution of 9,999.99 EUR is below the call's minimum grant of " +
          '10,000.00 EUR.',
      },
    ])
  })

  test('maximum grant: exactly the maximum is fine, one cent above is not', ({ assert }) => {
    const lines = [line('human_resources', '1', 10000000)]
    const withMax = rules({ maxGrantCents: 2000000 })
    assert.deepEqual(codes(computeBudget(lines, withMax, 2000000)), [])
    const above = computeBudget(lines, withMax, 2000001)
    assert.deepEqual(above.violations, [
      {
        code: 'ABOVE_MAX_GRANT',
        params: { funderCents: 2000001, maxCents: 2000000 },
        message:
          "The funder contribution of 20,000.01 EUR is above the call's maximum grant of " +
          '20,000.00 EUR.',
      },
    ])
  })

  test('grant limits also apply to the default (maximum) contribution', ({ assert }) => {
    const lines = [line('human_resources', '1', 105263158)] // max funder 1,000,000.00
    assert.deepEqual(codes(computeBudget(lines, rules({ maxGrantCents: 100000000 }))), [])
    assert.deepEqual(codes(computeBudget(lines, rules({ maxGrantCents: 99999999 }))), [
      'ABOVE_MAX_GRANT',
    ])
    assert.deepEqual(codes(computeBudget(lines, rules({ minGrantCents: 100000000 }))), [])
    assert.deepEqual(codes(computeBudget(lines, rules({ minGrantCents: 100000001 }))), [
      'BELOW_MIN_GRANT',
    ])
    assert.deepEqual(
      codes(computeBudget(lines, rules({ minGrantCents: null, maxGrantCents: null }))),
      []
    )
  })

  test('the request may differ from the concept note by at most 20 %', ({ assert }) => {
    const lines = [line('human_resources', '1', 10000000)] // max funder 95,000.00
    assert.deepEqual(codes(computeBudget(lines, rules(), 1200000, 1000000)), [])
    assert.deepEqual(codes(computeBudget(lines, rules(), 800000, 1000000)), [])
    assert.deepEqual(codes(computeBudget(lines, rules(), 1000000, 1000000)), [])
    const up = computeBudget(lines, rules(), 1200001, 1000000)
    assert.deepEqual(up.violations, [
      {
        code: 'REQUEST_CHANGED_OVER_LIMIT',
        params: {
          funderCents: 1200001,
          conceptNoteCents: 1000000,
          changeCents: 200001,
          limitBp: 2000,
        },
        message:
          "The funder contribution of 12,000.01 EUR differs from the concept note's " +
          '10,000.00 EUR by 2,000.01 EUR, more than 20 % of the concept-note amount.',
      },
    ])
    assert.deepEqual(codes(computeBudget(lines, rules(), 799999, 1000000)), [
      'REQUEST_CHANGED_OVER_LIMIT',
    ])
    assert.deepEqual(codes(computeBudget(lines, rules(), 799999, null)), [])
    assert.deepEqual(codes(computeBudget(lines, rules(), 799999)), [])
  })

  test('the change limit is exact on odd amounts and follows maxChangeBp', ({ assert }) => {
    const lines = [line('human_resources', '1', 10000000)]
    // 20 % of 1,000,003 cents = 200,000.6 → 1,200,003 is fine, 1,200,004 is not
    assert.deepEqual(codes(computeBudget(lines, rules(), 1200003, 1000003)), [])
    assert.deepEqual(codes(computeBudget(lines, rules(), 1200004, 1000003)), [
      'REQUEST_CHANGED_OVER_LIMIT',
    ])
    assert.deepEqual(codes(computeBudget(lines, rules(), 1100000, 1000000, 1000)), [])
    assert.deepEqual(codes(computeBudget(lines, rules(), 1100001, 1000000, 1000)), [
      'REQUEST_CHANGED_OVER_LIMIT',
    ])
  })

  test('without a request, the maximum is compared with the concept note', ({ assert }) => {
    const lines = [line('human_resources', '1', 105263158)] // max funder 1,000,000.00
    assert.deepEqual(codes(computeBudget(lines, rules(), null, 83333334)), []) // +19.99999 %
    assert.deepEqual(codes(computeBudget(lines, rules(), null, 83333333)), [
      'REQUEST_CHANGED_OVER_LIMIT',
    ])
  })
})

test.group('Budget | violations', () => {
  test('are reported in the documented order', ({ assert }) => {
    const result = computeBudget(
      [
        line('other', '1', 6000001, 'Shelter A'), // D = 60,000.01
        line('indirect', '1', 420001), // 7 % of D = 4,200.0007
        line('contingency', '1', 300001), // 5 % of D = 3,000.0005
      ],
      rules({ minGrantCents: 7000000, maxGrantCents: 6000000 }),
      6384003,
      1000000
    )
    assert.equal(result.totalEligibleCents, 6720003)
    assert.equal(result.maxFunderCents, 6384002) // 63,840.0285
    assert.deepEqual(codes(result), [
      'INDIRECT_OVER_CAP',
      'CONTINGENCY_OVER_CAP',
      'FUNDER_OVER_MAX_SHARE',
      'THIRD_PARTY_OVER_CAP',
      'BELOW_MIN_GRANT',
      'ABOVE_MAX_GRANT',
      'REQUEST_CHANGED_OVER_LIMIT',
    ])
    assert.equal(result.violations[3].thirdParty, 'Shelter A')
    assert.isUndefined(result.violations[0].thirdParty)
  })

  test('invalid amounts and rules are refused', ({ assert }) => {
    const lines = [line('travel', '1', 100)]
    assert.throws(() => computeBudget(lines, rules(), -1), RangeError)
    assert.throws(() => computeBudget(lines, rules(), 1.5), RangeError)
    assert.throws(() => computeBudget(lines, rules(), null, -1), RangeError)
    assert.throws(() => computeBudget(lines, rules({ indirectCapBp: -1 })), RangeError)
    assert.throws(() => computeBudget(lines, rules({ maxFunderShareBp: 95.5 })), RangeError)
    assert.throws(() => computeBudget(lines, rules(), null, null, -1), RangeError)
    assert.throws(
      () => computeBudget([{ ...lines[0], heading: 'catering' as BudgetHeading }], rules()),
      RangeError
    )
  })
})

test.group('Budget | a request far above TEC', () => {
  test('is refused as over the maximum share and its co-financing share reads −100 %', ({
    assert,
  }) => {
    const result = computeBudget([line('travel', '1', 1)], rules(), Number.MAX_SAFE_INTEGER)
    assert.equal(result.totalEligibleCents, 1)
    assert.equal(result.cofinancingShareBp, -10_000)
    assert.include(
      result.violations.map((v) => v.code),
      'FUNDER_OVER_MAX_SHARE'
    )
  })
})
