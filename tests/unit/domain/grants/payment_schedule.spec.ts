import { test } from '@japa/runner'
import {
  defaultPrefinancingCapBp,
  finalSettlement,
  nextTranche,
  shareOf,
  type FinalInput,
  type ScheduleInput,
} from '#domain/grants/payment_schedule'

/** DOMAIN-RULES §4, case A: F 1 000 000.00, TEC 1 052 631.58 (share 95 %). */
const F = 100_000_000
const TEC = 105_263_158
const F1 = 47_368_421 // 473 684.21 → 450 000.00
const F2 = 65_263_158 // 652 631.58 → 620 000.00
const F3 = 31_578_947 // 315 789.47 → 300 000.00

function schedule(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    funderCents: F,
    totalEligibleCents: TEC,
    forecastsCents: [F1, F2, F3],
    paidCents: [],
    acceptedCostsCents: 0,
    ...overrides,
  }
}

function final(overrides: Partial<FinalInput> = {}): FinalInput {
  return {
    funderCents: F,
    totalEligibleCents: TEC,
    paidCents: [45_000_000, 45_000_000],
    acceptedCostsCents: 0,
    ...overrides,
  }
}

test.group('Payment schedule | share', () => {
  test('shareOf applies F / TEC exactly', ({ assert }) => {
    assert.equal(shareOf(F, TEC, F1), 45_000_000)
    assert.equal(shareOf(F, TEC, F2), 62_000_000)
    assert.equal(shareOf(F, TEC, 40_000_000), 38_000_000)
    assert.equal(shareOf(F, TEC, 30_000_000), 28_500_000)
    assert.equal(shareOf(F, TEC, TEC), F)
    assert.equal(shareOf(F, TEC, 0), 0)
  })

  test('shareOf rounds half up on awkward shares (F 1, TEC 3 and F 1, TEC 2)', ({ assert }) => {
    assert.equal(shareOf(1, 3, 1), 0) // 0.333…
    assert.equal(shareOf(1, 3, 2), 1) // 0.666…
    assert.equal(shareOf(1, 3, 3), 1)
    assert.equal(shareOf(1, 3, 4), 1) // 1.333…
    assert.equal(shareOf(1, 3, 5), 2) // 1.666…
    assert.equal(shareOf(1, 2, 1), 1) // 0.5 → 1
    assert.equal(shareOf(1, 2, 3), 2) // 1.5 → 2
    assert.equal(shareOf(1, 2, 5), 3) // 2.5 → 3
  })

  test('shareOf stays exact beyond float precision', ({ assert }) => {
    // 9 007 199 254 740 991 × 2 / 3 needs BigInt; the result is exact.
    assert.equal(shareOf(2, 3, Number.MAX_SAFE_INTEGER), 6_004_799_503_160_661)
  })

  test('default pre-financing cap is 90 %', ({ assert }) => {
    assert.equal(defaultPrefinancingCapBp, 9000)
  })
})

test.group('Payment schedule | initial pre-financing', () => {
  test('case A: F1 473 684.21 → tranche 1 = 450 000.00', ({ assert }) => {
    assert.deepEqual(nextTranche(schedule()), {
      kind: 'initial_prefinancing',
      period: 1,
      scheduledCents: 45_000_000,
      reductionCents: 0,
      payableCents: 45_000_000,
    })
  })

  test('rounds half up on an awkward share (F 1, TEC 3)', ({ assert }) => {
    const input = { funderCents: 100, totalEligibleCents: 300 }
    assert.deepEqual(nextTranche(schedule({ ...input, forecastsCents: [5, 100] })), {
      kind: 'initial_prefinancing',
      period: 1,
      scheduledCents: 2, // 1.666… → 2
      reductionCents: 0,
      payableCents: 2,
    })
    assert.deepEqual(nextTranche(schedule({ ...input, forecastsCents: [4, 100] })), {
      kind: 'initial_prefinancing',
      period: 1,
      scheduledCents: 1, // 1.333… → 1
      reductionCents: 0,
      payableCents: 1,
    })
  })

  test('never exceeds the pre-financing cap', ({ assert }) => {
    // F = TEC = 1 000.00, F1 = 1 000.00 but the cap is floor(90 % × F) = 900.00.
    const result = nextTranche(
      schedule({ funderCents: 100_000, totalEligibleCents: 100_000, forecastsCents: [100_000] })
    )
    assert.deepEqual(result, {
      kind: 'initial_prefinancing',
      period: 1,
      scheduledCents: 90_000,
      reductionCents: 0,
      payableCents: 90_000,
    })
  })

  test('no forecast at all → no more periods; a zero cap → cap reached', ({ assert }) => {
    assert.deepEqual(nextTranche(schedule({ forecastsCents: [] })), {
      kind: 'none',
      reason: 'no_more_periods',
    })
    assert.deepEqual(nextTranche(schedule({ prefinancingCapBp: 0 })), {
      kind: 'none',
      reason: 'cap_reached',
    })
  })
})

test.group('Payment schedule | further pre-financing', () => {
  test('case A: enough spent, no reduction, scheduled capped to 450 000.00', ({ assert }) => {
    assert.deepEqual(
      nextTranche(schedule({ paidCents: [45_000_000], acceptedCostsCents: 40_000_000 })),
      {
        kind: 'further_prefinancing',
        period: 2,
        scheduledCents: 45_000_000, // min(620 000.00, 900 000.00 − 450 000.00)
        thresholdCents: 31_500_000, // 70 % × 450 000.00
        fundedExpenditureCents: 38_000_000, // 95 % × 400 000.00
        reductionCents: 0,
        payableCents: 45_000_000,
      }
    )
  })

  test('case A with accepted costs 300 000.00: reduction 30 000.00 → 420 000.00', ({ assert }) => {
    assert.deepEqual(
      nextTranche(schedule({ paidCents: [45_000_000], acceptedCostsCents: 30_000_000 })),
      {
        kind: 'further_prefinancing',
        period: 2,
        scheduledCents: 45_000_000,
        thresholdCents: 31_500_000,
        fundedExpenditureCents: 28_500_000,
        reductionCents: 3_000_000,
        payableCents: 42_000_000,
      }
    )
  })

  test('scheduled is the forecast share when it is below the room under the cap', ({ assert }) => {
    // Cap 100 % of F: room 1 000 000.00 − 450 000.00 = 550 000.00;
    // F2 = 315 789.47 → 300 000.00 fits under it.
    assert.deepEqual(
      nextTranche(
        schedule({
          prefinancingCapBp: 10_000,
          forecastsCents: [F1, F3],
          paidCents: [45_000_000],
          acceptedCostsCents: 40_000_000,
        })
      ),
      {
        kind: 'further_prefinancing',
        period: 2,
        scheduledCents: 30_000_000,
        thresholdCents: 31_500_000,
        fundedExpenditureCents: 38_000_000,
        reductionCents: 0,
        payableCents: 30_000_000,
      }
    )
  })

  test('threshold with two earlier payments: Σ earlier + 70 % of the latest', ({ assert }) => {
    // Paid 450 000.00 then 300 000.00: threshold = 450 000.00 + 210 000.00 = 660 000.00.
    // Accepted 600 000.00 → E = 570 000.00; shortfall 90 000.00.
    // Room under the cap: 900 000.00 − 750 000.00 = 150 000.00 < F3 share 300 000.00.
    assert.deepEqual(
      nextTranche(
        schedule({ paidCents: [45_000_000, 30_000_000], acceptedCostsCents: 60_000_000 })
      ),
      {
        kind: 'further_prefinancing',
        period: 3,
        scheduledCents: 15_000_000,
        thresholdCents: 66_000_000,
        fundedExpenditureCents: 57_000_000,
        reductionCents: 9_000_000,
        payableCents: 6_000_000,
      }
    )
  })

  test('70 % of the latest payment is rounded half up to the cent', ({ assert }) => {
    // F = TEC (share 1), payments 10.00 and 0.05: threshold = 10.00 + round(0.035) = 10.04.
    assert.deepEqual(
      nextTranche({
        funderCents: 100_000,
        totalEligibleCents: 100_000,
        forecastsCents: [1_000, 5, 2_000],
        paidCents: [1_000, 5],
        acceptedCostsCents: 1_000,
      }),
      {
        kind: 'further_prefinancing',
        period: 3,
        scheduledCents: 2_000,
        thresholdCents: 1_004,
        fundedExpenditureCents: 1_000,
        reductionCents: 4,
        payableCents: 1_996,
      }
    )
  })

  test('the reduction is capped at the scheduled amount; payable never below 0', ({ assert }) => {
    // Nothing accepted: shortfall 315 000.00 > scheduled 300 000.00 (F2 = F3 here, cap 100 %).
    assert.deepEqual(
      nextTranche(
        schedule({
          prefinancingCapBp: 10_000,
          forecastsCents: [F1, F3],
          paidCents: [45_000_000],
          acceptedCostsCents: 0,
        })
      ),
      {
        kind: 'further_prefinancing',
        period: 2,
        scheduledCents: 30_000_000,
        thresholdCents: 31_500_000,
        fundedExpenditureCents: 0,
        reductionCents: 30_000_000,
        payableCents: 0,
      }
    )
  })

  test('cap reached → none', ({ assert }) => {
    assert.deepEqual(
      nextTranche(
        schedule({ paidCents: [45_000_000, 45_000_000], acceptedCostsCents: 90_000_000 })
      ),
      { kind: 'none', reason: 'cap_reached' }
    )
    // Paid more than the cap (e.g. under an older cap): still none, never negative.
    assert.deepEqual(
      nextTranche(
        schedule({ paidCents: [45_000_000, 50_000_000], acceptedCostsCents: 90_000_000 })
      ),
      { kind: 'none', reason: 'cap_reached' }
    )
    // One cent of room left: a tranche of one cent.
    const oneCent = nextTranche(
      schedule({ paidCents: [45_000_000, 44_999_999], acceptedCostsCents: 90_000_000 })
    )
    assert.equal(oneCent.kind, 'further_prefinancing')
    if (oneCent.kind === 'further_prefinancing') {
      assert.equal(oneCent.scheduledCents, 1)
      assert.equal(oneCent.payableCents, 1)
    }
  })

  test('no forecast for period m+1 → no more periods', ({ assert }) => {
    assert.deepEqual(
      nextTranche(
        schedule({
          forecastsCents: [F1, F2],
          paidCents: [45_000_000, 10_000_000],
          acceptedCostsCents: 60_000_000,
        })
      ),
      { kind: 'none', reason: 'no_more_periods' }
    )
    assert.deepEqual(nextTranche(schedule({ forecastsCents: [F1], paidCents: [45_000_000] })), {
      kind: 'none',
      reason: 'no_more_periods',
    })
  })

  test('the cap follows prefinancingCapBp, floored', ({ assert }) => {
    // Cap 80 % of F = 1 000.01 → floor(800.008) = 800.00; paid 450.00 → room 350.00.
    const result = nextTranche({
      funderCents: 100_001,
      totalEligibleCents: 100_001,
      prefinancingCapBp: 8000,
      forecastsCents: [45_000, 60_000],
      paidCents: [45_000],
      acceptedCostsCents: 45_000,
    })
    assert.equal(result.kind, 'further_prefinancing')
    if (result.kind === 'further_prefinancing') {
      assert.equal(result.scheduledCents, 35_000)
      assert.equal(result.payableCents, 35_000)
    }
  })
})

test.group('Payment schedule | final settlement', () => {
  test('balance paid: accepted 1 040 000.00 → final 988 000.00, balance 88 000.00', ({
    assert,
  }) => {
    assert.deepEqual(finalSettlement(final({ acceptedCostsCents: 104_000_000 })), {
      finalContributionCents: 98_800_000,
      paidCents: 90_000_000,
      balanceCents: 8_800_000,
      recoveryCents: 0,
    })
  })

  test('final contribution capped at F when accepted costs exceed TEC', ({ assert }) => {
    // 1 060 000.00 × 95 % = 1 007 000.00 → capped at 1 000 000.00.
    assert.deepEqual(finalSettlement(final({ acceptedCostsCents: 106_000_000 })), {
      finalContributionCents: 100_000_000,
      paidCents: 90_000_000,
      balanceCents: 10_000_000,
      recoveryCents: 0,
    })
  })

  test('recovery order when paid more than the final contribution', ({ assert }) => {
    // 900 000.00 × 95 % = 855 000.00 < 900 000.00 paid → recover 45 000.00.
    assert.deepEqual(finalSettlement(final({ acceptedCostsCents: 90_000_000 })), {
      finalContributionCents: 85_500_000,
      paidCents: 90_000_000,
      balanceCents: 0,
      recoveryCents: 4_500_000,
    })
  })

  test('exact settlement: neither balance nor recovery', ({ assert }) => {
    assert.deepEqual(
      finalSettlement(
        final({ paidCents: [45_000_000, 40_500_000], acceptedCostsCents: 90_000_000 })
      ),
      {
        finalContributionCents: 85_500_000,
        paidCents: 85_500_000,
        balanceCents: 0,
        recoveryCents: 0,
      }
    )
  })

  test('rounds half up on an awkward share (F 1, TEC 3)', ({ assert }) => {
    assert.deepEqual(
      finalSettlement({
        funderCents: 100,
        totalEligibleCents: 300,
        paidCents: [],
        acceptedCostsCents: 5,
      }),
      { finalContributionCents: 2, paidCents: 0, balanceCents: 2, recoveryCents: 0 }
    )
    assert.deepEqual(
      finalSettlement({
        funderCents: 100,
        totalEligibleCents: 300,
        paidCents: [2],
        acceptedCostsCents: 4,
      }),
      { finalContributionCents: 1, paidCents: 2, balanceCents: 0, recoveryCents: 1 }
    )
  })
})

test.group('Payment schedule | input validation', () => {
  test('shareOf rejects bad amounts', ({ assert }) => {
    assert.throws(() => shareOf(F, TEC, -1), RangeError)
    assert.throws(() => shareOf(F, TEC, 1.5), RangeError)
    assert.throws(() => shareOf(F, 0, 1), RangeError)
    assert.throws(() => shareOf(F, -5, 1), RangeError)
    assert.throws(() => shareOf(TEC + 1, TEC, 1), RangeError)
    assert.throws(() => shareOf(-1, TEC, 1), RangeError)
    assert.throws(() => shareOf(0.5, TEC, 1), RangeError)
    assert.throws(() => shareOf(F, Number.NaN, 1), RangeError)
    assert.throws(() => shareOf(F, TEC, Number.MAX_SAFE_INTEGER + 1), RangeError)
  })

  test('nextTranche rejects bad inputs', ({ assert }) => {
    const bad: Partial<ScheduleInput>[] = [
      { funderCents: -1 },
      { funderCents: 1.5 },
      { totalEligibleCents: 0 },
      { totalEligibleCents: -1 },
      { funderCents: TEC + 1 },
      { prefinancingCapBp: -1 },
      { prefinancingCapBp: 10_001 },
      { prefinancingCapBp: 9000.5 },
      { forecastsCents: [F1, -1] },
      { forecastsCents: [F1, 0.5] },
      { paidCents: [-1] },
      { paidCents: [45_000_000.5] },
      { acceptedCostsCents: -1 },
      { acceptedCostsCents: 1.25 },
    ]
    for (const overrides of bad) {
      assert.throws(() => nextTranche(schedule(overrides)), RangeError)
    }
  })

  test('boundaries are accepted: F = TEC, F = 0 and a 10000 bp cap', ({ assert }) => {
    assert.doesNotThrow(() => nextTranche(schedule({ funderCents: TEC })))
    assert.deepEqual(nextTranche(schedule({ funderCents: 0 })), {
      kind: 'none',
      reason: 'cap_reached',
    })
    assert.doesNotThrow(() => nextTranche(schedule({ prefinancingCapBp: 10_000 })))
  })

  test('finalSettlement rejects bad inputs', ({ assert }) => {
    const bad: Partial<FinalInput>[] = [
      { funderCents: -1 },
      { totalEligibleCents: 0 },
      { funderCents: TEC + 1 },
      { paidCents: [-1] },
      { paidCents: [1.5] },
      { acceptedCostsCents: -1 },
      { acceptedCostsCents: 0.1 },
    ]
    for (const overrides of bad) {
      assert.throws(() => finalSettlement(final(overrides)), RangeError)
    }
  })
})
