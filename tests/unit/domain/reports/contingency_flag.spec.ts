import { test } from '@japa/runner'
import type { EligibilityContext, EligibilityLine } from '#domain/reports/eligibility'
import { eligibilityFlagCodes, eligibilityFlags } from '#domain/reports/eligibility'

function line(overrides: Partial<EligibilityLine> = {}): EligibilityLine {
  return {
    key: 1,
    spentOn: '2025-03-15',
    supplier: 'Emergency repairs Ltd',
    receiptNumber: null,
    hasReceipt: true,
    vat: 'exempt',
    budgetLineId: 9,
    heading: 'contingency',
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
    headingBudgetCents: { contingency: 1_000_000, human_resources: 1_000_000 },
    headingClaimedBeforeCents: {},
    ...overrides,
  }
}

test.group('Eligibility | CONTINGENCY_NOT_RELEASED', () => {
  test('the flag comes last in the list of codes', ({ assert }) => {
    assert.equal(eligibilityFlagCodes.at(-1), 'CONTINGENCY_NOT_RELEASED')
  })

  test('a contingency line without any approved release is flagged', ({ assert }) => {
    const [flags] = eligibilityFlags([line()], context())
    assert.deepEqual(flags, [
      { code: 'CONTINGENCY_NOT_RELEASED', detail: { cumulativeCents: 10_000, releasedCents: 0 } },
    ])
  })

  test('within the releases no flag; from the crossing onwards, in date order', ({ assert }) => {
    const flags = eligibilityFlags(
      [
        line({ key: 'late', spentOn: '2025-05-01', claimedCents: 6_000, amountCents: 6_000 }),
        line({ key: 'early', spentOn: '2025-02-01', claimedCents: 5_000, amountCents: 5_000 }),
        line({ key: 'hr', heading: 'human_resources', claimedCents: 90_000, amountCents: 90_000 }),
      ],
      context({ contingencyReleasedCents: 10_000 })
    )
    assert.deepEqual(flags[1], [])
    assert.deepEqual(flags[0], [
      {
        code: 'CONTINGENCY_NOT_RELEASED',
        detail: { cumulativeCents: 11_000, releasedCents: 10_000 },
      },
    ])
    assert.deepEqual(flags[2], [])
  })

  test('amounts admitted on contingency in earlier reports count against the releases', ({
    assert,
  }) => {
    const exact = eligibilityFlags(
      [line({ claimedCents: 4_000, amountCents: 4_000 })],
      context({
        contingencyReleasedCents: 10_000,
        headingClaimedBeforeCents: { contingency: 6_000 },
      })
    )
    assert.deepEqual(exact[0], [])
    const over = eligibilityFlags(
      [line({ claimedCents: 4_001, amountCents: 4_001 })],
      context({
        contingencyReleasedCents: 10_000,
        headingClaimedBeforeCents: { contingency: 6_000 },
      })
    )
    assert.equal(over[0][0].code, 'CONTINGENCY_NOT_RELEASED')
  })
})
