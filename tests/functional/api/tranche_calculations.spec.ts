import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation } from '#tests/helpers'

const caseA = { funderCents: 100000000, totalEligibleCents: 105263158 }

test.group('API: tranche calculations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the initial pre-financing of case A is 450 000.00', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')

    const response = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({
        ...caseA,
        forecastsCents: [47368421, 65263158],
        paidCents: [],
        acceptedCostsCents: 0,
      })

    response.assertStatus(200)
    response.assertBody({
      next: {
        kind: 'initial_prefinancing',
        period: 1,
        scheduledCents: 45000000,
        reductionCents: 0,
        payableCents: 45000000,
      },
    })
  })

  test('the 70 % rule reduces the further pre-financing of case A by 30 000.00', async ({
    client,
  }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')

    const response = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({
        ...caseA,
        forecastsCents: [47368421, 65263158],
        paidCents: [45000000],
        acceptedCostsCents: 30000000,
      })

    response.assertBody({
      next: {
        kind: 'further_prefinancing',
        period: 2,
        scheduledCents: 45000000,
        thresholdCents: 31500000,
        fundedExpenditureCents: 28500000,
        reductionCents: 3000000,
        payableCents: 42000000,
      },
    })
  })

  test('the final settlement turns an overpayment into a recovery order', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')

    const response = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({
        ...caseA,
        forecastsCents: [],
        paidCents: [45000000, 42000000],
        acceptedCostsCents: 80000000,
        final: true,
      })

    response.assertBody({
      final: {
        finalContributionCents: 76000000,
        paidCents: 87000000,
        balanceCents: 0,
        recoveryCents: 11000000,
      },
    })
  })

  test('malformed input gets 422 naming the field', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')

    const negative = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({ ...caseA, forecastsCents: [-1], paidCents: [], acceptedCostsCents: 0 })
    negative.assertStatus(422)
    negative.assertBodyContains({ errors: [{ field: 'forecastsCents.0' }] })

    const funderAboveTec = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({
        funderCents: 200,
        totalEligibleCents: 100,
        forecastsCents: [],
        paidCents: [],
        acceptedCostsCents: 0,
      })
    funderAboveTec.assertStatus(422)
    funderAboveTec.assertBodyContains({ errors: [{ field: 'funderCents' }] })
  })

  test('option 1 pre-finances 80 % of (TEC − C) × share, never the contingency', async ({
    client,
  }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')

    const body = {
      funderCents: 9975000,
      totalEligibleCents: 10500000,
      contingencyCents: 500000,
      paymentOption: 'option_1',
      forecastsCents: [],
      acceptedCostsCents: 0,
    }
    const first = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({ ...body, paidCents: [] })
    first.assertStatus(200)
    // 80 % × 100 000.00 × 95 % = 76 000.00, not 80 % of F (79 800.00).
    first.assertBody({
      next: {
        kind: 'initial_prefinancing',
        period: 1,
        scheduledCents: 7600000,
        reductionCents: 0,
        payableCents: 7600000,
      },
    })

    const after = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({ ...body, paidCents: [7600000] })
    after.assertBody({ next: { kind: 'none', reason: 'no_more_periods' } })

    const tooMuch = await client
      .post('/api/v1/tranche-calculations')
      .withGuard('api')
      .loginAs(user)
      .json({ ...body, contingencyCents: 10500001, paidCents: [] })
    tooMuch.assertStatus(422)
  })
})
