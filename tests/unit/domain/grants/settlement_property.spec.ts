import { test } from '@japa/runner'
import fc from 'fast-check'
import { finalSettlement, nextTranche } from '#domain/grants/payment_schedule'

/**
 * For any schedule — any F ≤ TEC, forecasts, cap and costs accepted along
 * the way — pre-financing paid as §4 computes it, then the balance or the
 * recovery, add up to the final contribution exactly.
 */
test.group('Payment schedule: property', () => {
  test('payments + balance − recoveries = final contribution, for random schedules', () => {
    const schedule = fc
      .record({
        tec: fc.integer({ min: 1, max: 500_000_000_00 }),
        shareBp: fc.integer({ min: 0, max: 10_000 }),
        capBp: fc.integer({ min: 0, max: 10_000 }),
        forecastWeights: fc.array(fc.integer({ min: 0, max: 1000 }), {
          minLength: 1,
          maxLength: 6,
        }),
        spentBp: fc.array(fc.integer({ min: 0, max: 15_000 }), { minLength: 6, maxLength: 6 }),
      })
      .map(({ tec, shareBp, capBp, forecastWeights, spentBp }) => {
        const funder = Math.floor((tec * shareBp) / 10_000)
        const weightSum = forecastWeights.reduce((a, b) => a + b, 0) || 1
        const forecasts = forecastWeights.map((w) => Math.floor((tec * w) / weightSum))
        return { tec, funder, capBp, forecasts, spentBp }
      })

    fc.assert(
      fc.property(schedule, ({ tec, funder, capBp, forecasts, spentBp }) => {
        const paid: number[] = []
        let accepted = 0
        for (let period = 0; period < forecasts.length; period++) {
          const next = nextTranche({
            funderCents: funder,
            totalEligibleCents: tec,
            prefinancingCapBp: capBp,
            forecastsCents: forecasts,
            paidCents: paid,
            acceptedCostsCents: accepted,
          })
          if (next.kind === 'none') break
          if (next.payableCents < 0 || next.payableCents > next.scheduledCents) return false
          paid.push(next.payableCents)
          // The grantee spends some share (0–150 %) of the period's forecast.
          accepted += Math.floor((forecasts[period] * spentBp[period]) / 10_000)
        }
        const cap = Math.floor((funder * capBp) / 10_000)
        const prefinanced = paid.reduce((a, b) => a + b, 0)
        if (prefinanced > cap) return false

        const final = finalSettlement({
          funderCents: funder,
          totalEligibleCents: tec,
          paidCents: paid,
          acceptedCostsCents: accepted,
        })
        if (final.finalContributionCents > funder) return false
        if (final.balanceCents > 0 && final.recoveryCents > 0) return false
        return (
          prefinanced + final.balanceCents - final.recoveryCents === final.finalContributionCents
        )
      }),
      { numRuns: 500 }
    )
  })
})
