import { test } from '@japa/runner'
import type { EligibilityContext, EligibilityLine } from '#domain/reports/eligibility'
import { bulkAcceptable, eligibilityFlags } from '#domain/reports/eligibility'

function line(overrides: Partial<EligibilityLine> = {}): EligibilityLine {
  return {
    key: 1,
    spentOn: '2025-03-15',
    supplier: 'Viva Fresh Store',
    receiptNumber: 'F-100',
    hasReceipt: true,
    vat: 'exempt',
    budgetLineId: 7,
    heading: 'other_costs_services',
    currency: 'EUR',
    rateMicro: null,
    inforEuroRateMicro: null,
    supplierCountry: 'XK',
    claimedCents: 10_000,
    amountCents: 10_000,
    lateCostAllowed: false,
    ...overrides,
  }
}

function context(overrides: Partial<EligibilityContext> = {}): EligibilityContext {
  return {
    implementationStartsOn: '2025-01-01',
    implementationEndsOn: '2026-12-31',
    periodStartsOn: '2025-01-01',
    periodEndsOn: '2025-12-31',
    headingBudgetCents: { human_resources: 100_000, other_costs_services: 1_000_000 },
    headingClaimedBeforeCents: {},
    ...overrides,
  }
}

function codes(lines: EligibilityLine[], ctx = context()) {
  return eligibilityFlags(lines, ctx).map((flags) => flags.map((f) => f.code))
}

test.group('Eligibility | one flag at a time', () => {
  test('a clean line has no flags and may be accepted in bulk', ({ assert }) => {
    const [flags] = eligibilityFlags([line()], context())
    assert.deepEqual(flags, [])
    assert.isTrue(bulkAcceptable(flags))
  })

  test('OUTSIDE_PERIOD before the start and after the end', ({ assert }) => {
    const flags = eligibilityFlags(
      [
        line({ key: 'a', spentOn: '2024-12-31' }),
        line({ key: 'b', spentOn: '2027-01-01', receiptNumber: 'F-101' }),
      ],
      context()
    )
    assert.deepEqual(flags[0], [
      {
        code: 'OUTSIDE_PERIOD',
        detail: {
          spentOn: '2024-12-31',
          side: 'before',
          startsOn: '2025-01-01',
          endsOn: '2026-12-31',
        },
      },
    ])
    assert.equal(flags[1][0].code, 'OUTSIDE_PERIOD')
    assert.equal(flags[1][0].detail?.side, 'after')
    assert.isFalse(bulkAcceptable(flags[0]))
  })

  test('no OUTSIDE_PERIOD on the first and last day, nor after the end on a budget line accepting late costs', ({
    assert,
  }) => {
    assert.deepEqual(
      codes([
        line({ spentOn: '2025-01-01', receiptNumber: 'A' }),
        line({ spentOn: '2026-12-31', receiptNumber: 'B' }),
        line({ spentOn: '2027-02-15', receiptNumber: 'C', lateCostAllowed: true }),
      ]),
      [[], [], []]
    )
  })

  test('a budget line accepting late costs still flags a cost before the start', ({ assert }) => {
    assert.deepEqual(codes([line({ spentOn: '2024-06-01', lateCostAllowed: true })]), [
      ['OUTSIDE_PERIOD'],
    ])
  })

  test('a cost of an earlier reporting period inside the implementation is not flagged', ({
    assert,
  }) => {
    const ctx = context({ periodStartsOn: '2026-01-01', periodEndsOn: '2026-12-31' })
    assert.deepEqual(codes([line({ spentOn: '2025-11-30' })], ctx), [[]])
  })

  test('NO_RECEIPT only without a receipt', ({ assert }) => {
    assert.deepEqual(
      codes([
        line({ hasReceipt: false, receiptNumber: null }),
        line({ hasReceipt: true, receiptNumber: 'X' }),
      ]),
      [['NO_RECEIPT'], []]
    )
  })

  test('RECOVERABLE_VAT only for recoverable VAT included', ({ assert }) => {
    assert.deepEqual(
      codes([
        line({ vat: 'recoverable_included', receiptNumber: 'A', supplierCountry: 'AL' }),
        line({ vat: 'exempt', receiptNumber: 'B' }),
        line({ vat: 'not_applicable', receiptNumber: 'C' }),
        line({ vat: 'non_recoverable_included', receiptNumber: 'D', supplierCountry: 'AL' }),
      ]),
      [['RECOVERABLE_VAT'], [], [], []]
    )
  })

  test('UNKNOWN_BUDGET_LINE only without a budget line', ({ assert }) => {
    assert.deepEqual(
      codes([
        line({ budgetLineId: null, heading: null, receiptNumber: 'A' }),
        line({ budgetLineId: 3, receiptNumber: 'B' }),
      ]),
      [['UNKNOWN_BUDGET_LINE'], []]
    )
  })

  test('MISSING_EXCHANGE_RATE for another currency without a rate', ({ assert }) => {
    const flags = eligibilityFlags(
      [
        line({ currency: 'rsd', rateMicro: null, receiptNumber: 'A' }),
        line({ currency: 'RSD', rateMicro: 117_543_200, receiptNumber: 'B' }),
        line({ currency: 'EUR', rateMicro: null, receiptNumber: 'C' }),
        line({ currency: 'eur', rateMicro: null, receiptNumber: 'D' }),
      ],
      context()
    )
    const noTableRate = { code: 'NO_INFOREURO_RATE', detail: { currency: 'RSD', month: '2025-03' } }
    assert.deepEqual(flags, [
      [{ code: 'MISSING_EXCHANGE_RATE', detail: { currency: 'RSD' } }, noTableRate],
      [noTableRate],
      [],
      [],
    ])
  })

  test('DUPLICATE_RECEIPT within the report, ignoring case and spaces', ({ assert }) => {
    const flags = eligibilityFlags(
      [
        line({ key: 11, supplier: 'Viva Fresh Store', receiptNumber: 'INV 001' }),
        line({ key: 12, supplier: ' viva fresh  store', receiptNumber: 'inv001' }),
        line({ key: 13, supplier: 'VIVA FRESH STORE', receiptNumber: 'INV-001' }),
      ],
      context()
    )
    assert.deepEqual(flags[0], [
      { code: 'DUPLICATE_RECEIPT', detail: { lines: '12', earlierReport: 0 } },
    ])
    assert.deepEqual(flags[1], [
      { code: 'DUPLICATE_RECEIPT', detail: { lines: '11', earlierReport: 0 } },
    ])
    assert.deepEqual(flags[2], [])
  })

  test('no DUPLICATE_RECEIPT when the amount or the supplier differs, or without a number', ({
    assert,
  }) => {
    assert.deepEqual(
      codes([
        line({ receiptNumber: 'R-1', amountCents: 10_000 }),
        line({ receiptNumber: 'R-1', amountCents: 10_001, claimedCents: 10_001 }),
        line({ receiptNumber: 'R-1', supplier: 'Another shop' }),
        line({ receiptNumber: null }),
        line({ receiptNumber: '  ' }),
      ]),
      [[], [], [], [], []]
    )
  })

  test('DUPLICATE_RECEIPT against a receipt of an earlier report', ({ assert }) => {
    const ctx = context({
      earlierReceipts: [
        { supplier: 'viva FRESH store', receiptNumber: 'f-100', amountCents: 10_000 },
        { supplier: 'Viva Fresh Store', receiptNumber: 'F-200', amountCents: 5 },
      ],
    })
    const flags = eligibilityFlags(
      [line({ receiptNumber: 'F-100' }), line({ receiptNumber: 'F-200' })],
      ctx
    )
    assert.deepEqual(flags[0], [
      { code: 'DUPLICATE_RECEIPT', detail: { lines: '', earlierReport: 1 } },
    ])
    assert.deepEqual(flags[1], [])
  })

  test('several flags come in the order of the codes', ({ assert }) => {
    assert.deepEqual(
      codes([
        line({
          spentOn: '2024-01-01',
          hasReceipt: false,
          vat: 'recoverable_included',
          budgetLineId: null,
          heading: null,
          currency: 'USD',
        }),
      ]),
      [
        [
          'OUTSIDE_PERIOD',
          'NO_RECEIPT',
          'RECOVERABLE_VAT',
          'UNKNOWN_BUDGET_LINE',
          'MISSING_EXCHANGE_RATE',
          'NO_INFOREURO_RATE',
          'KOSOVO_VAT_INCLUDED',
        ],
      ]
    )
  })

  test('refuses a date that is not YYYY-MM-DD', ({ assert }) => {
    assert.throws(
      () => eligibilityFlags([line({ spentOn: '15/03/2025' })], context()),
      /YYYY-MM-DD/
    )
  })
})

test.group('Eligibility | HEADING_OVER_LIMIT', () => {
  // Human resources: budget 1 000.00, limit +25 % = 1 250.00; 800.00 admitted before.
  const ctx = context({ headingClaimedBeforeCents: { human_resources: 80_000 } })
  const hr = (key: string, spentOn: string, claimedCents: number) =>
    line({
      key,
      spentOn,
      heading: 'human_resources',
      receiptNumber: key,
      claimedCents,
      amountCents: claimedCents,
    })

  test('flags in date order from the line that crosses the limit onwards', ({ assert }) => {
    const flags = eligibilityFlags(
      [
        hr('late', '2025-05-01', 1), // 1 250.01: crosses
        hr('early', '2025-03-01', 45_000), // 1 250.00: exactly at the limit
        hr('later', '2025-06-01', 0), // after the crossing
        line({ key: 'other', receiptNumber: 'O', spentOn: '2025-07-01' }), // another heading
      ],
      ctx
    )
    assert.deepEqual(flags[0], [
      {
        code: 'HEADING_OVER_LIMIT',
        detail: {
          heading: 'human_resources',
          cumulativeCents: 125_001,
          limitCents: 125_000,
          budgetCents: 100_000,
          flexibilityBp: 2500,
        },
      },
    ])
    assert.deepEqual(flags[1], [])
    assert.equal(flags[2][0].code, 'HEADING_OVER_LIMIT')
    assert.equal(flags[2][0].detail?.cumulativeCents, 125_001)
    assert.deepEqual(flags[3], [])
  })

  test('contingency released into the heading raises its limit by that amount', ({ assert }) => {
    const lines = [hr('a', '2025-03-01', 45_001)] // 1 250.01
    assert.deepEqual(codes(lines, ctx), [['HEADING_OVER_LIMIT']])
    assert.deepEqual(codes(lines, { ...ctx, headingReleasedCents: { human_resources: 1 } }), [[]])
  })

  test('exactly at the limit is not flagged', ({ assert }) => {
    assert.deepEqual(codes([hr('a', '2025-03-01', 20_000), hr('b', '2025-03-02', 25_000)], ctx), [
      [],
      [],
    ])
  })

  test('lines on the same day keep their input order', ({ assert }) => {
    assert.deepEqual(codes([hr('a', '2025-03-01', 45_000), hr('b', '2025-03-01', 1)], ctx), [
      [],
      ['HEADING_OVER_LIMIT'],
    ])
  })

  test('the flexibility limit is a parameter', ({ assert }) => {
    const strict = context({ flexibilityBp: 0 })
    assert.deepEqual(codes([hr('a', '2025-03-01', 100_000)], strict), [[]])
    assert.deepEqual(codes([hr('a', '2025-03-01', 100_001)], strict), [['HEADING_OVER_LIMIT']])
  })

  test('a heading without a budget is over at its first cent', ({ assert }) => {
    const flags = eligibilityFlags(
      [line({ heading: 'travel', claimedCents: 1, amountCents: 1 })],
      context()
    )
    assert.deepEqual(flags[0], [
      {
        code: 'HEADING_OVER_LIMIT',
        detail: {
          heading: 'travel',
          cumulativeCents: 1,
          limitCents: 0,
          budgetCents: 0,
          flexibilityBp: 2500,
        },
      },
    ])
  })

  test('earlier claims alone over the limit flag every line of the heading', ({ assert }) => {
    const over = context({ headingClaimedBeforeCents: { human_resources: 130_000 } })
    assert.deepEqual(codes([hr('a', '2025-03-01', 0), hr('b', '2025-04-01', 500)], over), [
      ['HEADING_OVER_LIMIT'],
      ['HEADING_OVER_LIMIT'],
    ])
  })

  test('a line without a rate adds nothing but is flagged after the crossing', ({ assert }) => {
    const foreign = (spentOn: string) =>
      line({
        key: spentOn,
        spentOn,
        heading: 'human_resources',
        currency: 'RSD',
        rateMicro: null,
        receiptNumber: spentOn,
        claimedCents: 9_999_999,
        amountCents: 9_999_999,
      })
    assert.deepEqual(
      codes([foreign('2025-02-01'), hr('a', '2025-03-01', 45_001), foreign('2025-04-01')], ctx),
      [
        ['MISSING_EXCHANGE_RATE', 'NO_INFOREURO_RATE'],
        ['HEADING_OVER_LIMIT'],
        ['HEADING_OVER_LIMIT', 'MISSING_EXCHANGE_RATE', 'NO_INFOREURO_RATE'],
      ]
    )
  })
})
