import { test } from '@japa/runner'
import type { EligibilityContext, EligibilityLine } from '#domain/reports/eligibility'
import { eligibilityFlags, eligibilityFlagsInSteps } from '#domain/reports/eligibility'

/**
 * 9 000 lines that raise every flag that depends on other lines: shared
 * receipts (named and earlier), a heading crossing its limit mid-way in
 * date order, contingency beyond its releases, and lines outside the
 * period, in another currency or without a rate.
 */
function lines(): EligibilityLine[] {
  return Array.from({ length: 9_000 }, (_, index) => ({
    key: index + 1,
    spentOn: `2025-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
    supplier: index % 7 === 0 ? 'Market ' : 'market',
    receiptNumber: index % 3 === 0 ? `R ${index % 500}` : index % 11 === 0 ? null : `R-${index}`,
    hasReceipt: index % 2 === 0,
    vat: index % 13 === 0 ? 'recoverable_included' : 'exempt',
    budgetLineId: index % 17 === 0 ? null : 1,
    heading: index % 17 === 0 ? null : index % 5 === 0 ? 'contingency' : 'human_resources',
    currency: index % 19 === 0 ? 'RSD' : 'EUR',
    rateMicro: index % 19 === 0 && index % 2 === 0 ? 117_000_000 : null,
    inforEuroRateMicro: index % 19 === 0 && index % 3 === 0 ? 117_100_000 : null,
    supplierCountry: 'XK',
    claimedCents: 1_000 + index,
    amountCents: 1_000 + index,
    lateCostAllowed: false,
  }))
}

const context: EligibilityContext = {
  implementationStartsOn: '2025-02-01',
  implementationEndsOn: '2025-11-30',
  periodStartsOn: '2025-01-01',
  periodEndsOn: '2025-12-31',
  headingBudgetCents: { human_resources: 4_000_000, contingency: 500_000 },
  headingClaimedBeforeCents: { human_resources: 10_000 },
  contingencyReleasedCents: 300_000,
  earlierReceipts: [{ supplier: 'MARKET', receiptNumber: 'R0', amountCents: 1_000 }],
}

test.group('Eligibility | in steps', () => {
  test('gives the same flags as at once, pausing between steps', async ({ assert }) => {
    const all = lines()
    const atOnce = eligibilityFlags(all, context)
    let pauses = 0
    const inSteps = await eligibilityFlagsInSteps(all, context, async () => {
      pauses++
    })
    assert.deepEqual(inSteps, atOnce)
    assert.isAbove(pauses, 9_000 / 2_000)
    const codes = new Set(atOnce.flat().map((flag) => flag.code))
    for (const code of [
      'OUTSIDE_PERIOD',
      'NO_RECEIPT',
      'RECOVERABLE_VAT',
      'UNKNOWN_BUDGET_LINE',
      'HEADING_OVER_LIMIT',
      'DUPLICATE_RECEIPT',
      'CONTINGENCY_NOT_RELEASED',
    ]) {
      assert.isTrue(codes.has(code as never), `no line was flagged ${code}`)
    }
  })

  test('refuses bad input the same way', async ({ assert }) => {
    const bad = lines()
    bad[4_500] = { ...bad[4_500], spentOn: '2025-3-1' }
    assert.throws(() => eligibilityFlags(bad, context), /line 4501 date/)
    await assert.rejects(
      () => eligibilityFlagsInSteps(bad, context, async () => {}),
      /line 4501 date/
    )
  })
})
