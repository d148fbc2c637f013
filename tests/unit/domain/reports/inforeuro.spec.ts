import { test } from '@japa/runner'
import type { EligibilityLine } from '#domain/reports/eligibility'
import { eligibilityFlags } from '#domain/reports/eligibility'
import {
  claimedEurCents,
  inforEuroRateFor,
  monthOf,
  parseMonth,
  rateKey,
} from '#domain/reports/exchange'

const table = new Map([
  [rateKey('RSD', '2026-03'), 117_195_600],
  [rateKey('USD', '2026-03'), 1_082_345],
])

test.group('InforEuro | rate lookup and conversion', () => {
  test('the rate is the one of the month the cost was incurred', ({ assert }) => {
    assert.equal(monthOf('2026-03-31'), '2026-03')
    assert.equal(inforEuroRateFor(table, 'rsd', '2026-03-01'), 117_195_600)
    assert.equal(inforEuroRateFor(table, 'RSD', '2026-03-31'), 117_195_600)
    assert.isNull(inforEuroRateFor(table, 'RSD', '2026-04-01'))
    assert.isNull(inforEuroRateFor(table, 'RSD', '2026-02-28'))
    assert.isNull(inforEuroRateFor(table, 'EUR', '2026-03-10'))
  })

  test('months and dates are checked', ({ assert }) => {
    assert.equal(parseMonth('2026-12'), '2026-12')
    for (const text of ['2026-13', '2026-00', '2026-3', '26-03', '2026-03-01', '']) {
      assert.isNull(parseMonth(text), text)
    }
    assert.throws(() => monthOf('2026-03'), /YYYY-MM-DD/)
    assert.throws(() => monthOf('14.03.2026'), /YYYY-MM-DD/)
  })

  test('converts exactly at the table rate, rounded half up to the cent', ({ assert }) => {
    // 5 400.00 RSD / 117.1956 = 46.0769... EUR
    assert.equal(
      claimedEurCents({
        currency: 'RSD',
        amountCents: 540_000,
        rateMicro: 120_000_000,
        inforEuroRateMicro: 117_195_600,
      }),
      4_608
    )
    // 0.05 / 2 = 0.025 EUR → 0.03 (half up); 0.01 / 2 = 0.005 → 0.01
    const at2 = (amountCents: number) =>
      claimedEurCents({
        currency: 'XXX',
        amountCents,
        rateMicro: null,
        inforEuroRateMicro: 2_000_000,
      })
    assert.equal(at2(5), 3)
    assert.equal(at2(1), 1)
    assert.equal(at2(3), 2)
    // A large amount stays exact: 9 007 199 254 740 991 cents at 1.000001
    assert.equal(
      claimedEurCents({
        currency: 'USD',
        amountCents: Number.MAX_SAFE_INTEGER,
        rateMicro: null,
        inforEuroRateMicro: 1_000_001,
      }),
      9_007_190_247_550_743
    )
  })

  test('without the month in the table: the grantee rate, else nothing; EUR as is', ({
    assert,
  }) => {
    assert.equal(
      claimedEurCents({
        currency: 'RSD',
        amountCents: 117_000,
        rateMicro: 117_000_000,
        inforEuroRateMicro: null,
      }),
      1_000
    )
    assert.equal(
      claimedEurCents({
        currency: 'RSD',
        amountCents: 117_000,
        rateMicro: null,
        inforEuroRateMicro: null,
      }),
      0
    )
    assert.equal(
      claimedEurCents({
        currency: 'EUR',
        amountCents: 12_345,
        rateMicro: null,
        inforEuroRateMicro: 5,
      }),
      12_345
    )
  })
})

function line(overrides: Partial<EligibilityLine> = {}): EligibilityLine {
  return {
    key: 1,
    spentOn: '2025-03-15',
    supplier: 'Supplier',
    receiptNumber: null,
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

const context = {
  implementationStartsOn: '2025-01-01',
  implementationEndsOn: '2026-12-31',
  periodStartsOn: '2025-01-01',
  periodEndsOn: '2025-12-31',
  headingBudgetCents: { other_costs_services: 10_000_000 },
  headingClaimedBeforeCents: {},
}

const flagsOf = (lines: EligibilityLine[]) => eligibilityFlags(lines, context)

test.group('InforEuro | RATE_NOT_INFOREURO and NO_INFOREURO_RATE', () => {
  test('RATE_NOT_INFOREURO when the grantee rate differs from the table', ({ assert }) => {
    const [flags] = flagsOf([
      line({ currency: 'RSD', rateMicro: 118_000_000, inforEuroRateMicro: 117_195_600 }),
    ])
    assert.deepEqual(flags, [
      {
        code: 'RATE_NOT_INFOREURO',
        detail: {
          currency: 'RSD',
          month: '2025-03',
          rateMicro: 118_000_000,
          inforEuroRateMicro: 117_195_600,
        },
      },
    ])
  })

  test('no rate flag when the grantee rate equals the table, or none is given, or for EUR', ({
    assert,
  }) => {
    assert.deepEqual(
      flagsOf([
        line({ currency: 'RSD', rateMicro: 117_195_600, inforEuroRateMicro: 117_195_600 }),
        line({ currency: 'RSD', rateMicro: null, inforEuroRateMicro: 117_195_600 }),
        line({ currency: 'EUR', rateMicro: null, inforEuroRateMicro: null }),
      ]),
      [[], [], []]
    )
  })

  test('NO_INFOREURO_RATE when the table lacks the month', ({ assert }) => {
    const [flags] = flagsOf([line({ currency: 'usd', rateMicro: 1_080_000 })])
    assert.deepEqual(flags, [
      { code: 'NO_INFOREURO_RATE', detail: { currency: 'USD', month: '2025-03' } },
    ])
  })
})

test.group('InforEuro | KOSOVO_VAT_INCLUDED', () => {
  test('fires for VAT included on a purchase from a Kosovo supplier', ({ assert }) => {
    assert.deepEqual(
      flagsOf([
        line({ vat: 'non_recoverable_included', supplierCountry: 'XK' }),
        line({ vat: 'recoverable_included', supplierCountry: 'xk' }),
      ]).map((flags) => flags.map((flag) => flag.code)),
      [['KOSOVO_VAT_INCLUDED'], ['RECOVERABLE_VAT', 'KOSOVO_VAT_INCLUDED']]
    )
  })

  test('does not fire for exempt or not applicable VAT, nor for a supplier abroad', ({
    assert,
  }) => {
    assert.deepEqual(
      flagsOf([
        line({ vat: 'exempt', supplierCountry: 'XK' }),
        line({ vat: 'not_applicable', supplierCountry: 'XK' }),
        line({ vat: 'non_recoverable_included', supplierCountry: 'AL' }),
      ]),
      [[], [], []]
    )
  })
})

test.group('InforEuro | late costs', () => {
  test('after the end: flagged unless the budget line accepts late costs', ({ assert }) => {
    assert.deepEqual(
      flagsOf([
        line({ spentOn: '2027-01-20', lateCostAllowed: false }),
        line({ spentOn: '2027-01-20', lateCostAllowed: true }),
      ]).map((flags) => flags.map((flag) => flag.code)),
      [['OUTSIDE_PERIOD'], []]
    )
  })
})
