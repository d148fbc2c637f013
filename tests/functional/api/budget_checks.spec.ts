import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation } from '#tests/helpers'

test.group('API: budget checks', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('computes the PRAG worked example to the cent and lists violations', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')

    const response = await client
      .post('/api/v1/budget-checks')
      .withGuard('api')
      .loginAs(user)
      .json({
        currency: 'EUR',
        maxFunderShareBp: 9500,
        requestedFunderCents: null,
        lines: [
          {
            heading: 'human_resources',
            label: 'Staff',
            unit: 'month',
            quantity: '1',
            unitCostCents: 98000000,
          },
          {
            heading: 'indirect',
            label: 'Overheads',
            unit: 'lump sum',
            quantity: '1',
            unitCostCents: 6860000,
          },
          {
            heading: 'contingency',
            label: 'Reserve',
            unit: 'lump sum',
            quantity: '0.5',
            unitCostCents: 806317,
          },
        ],
      })

    response.assertStatus(200)
    response.assertBodyContains({
      directCents: 98000000,
      indirectCents: 6860000,
      contingencyCents: 403159,
      totalEligibleCents: 105263159,
      maxFunderCents: 100000001,
      funderCents: 100000001,
      cofinancingCents: 5263158,
      violations: [],
    })
  })

  test('one cent over the indirect cap is a violation', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')

    const response = await client
      .post('/api/v1/budget-checks')
      .withGuard('api')
      .loginAs(user)
      .json({
        currency: 'EUR',
        lines: [
          {
            heading: 'travel',
            label: 'Trips',
            unit: 'trip',
            quantity: '100',
            unitCostCents: 100000,
          },
          {
            heading: 'indirect',
            label: 'Overheads',
            unit: 'lump sum',
            quantity: '1',
            unitCostCents: 700001,
          },
        ],
      })

    response.assertStatus(200)
    response.assertBodyContains({ violations: [{ code: 'INDIRECT_OVER_CAP' }] })
  })

  test('each violation is in words in the language the client asks for', async ({
    client,
    assert,
  }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const messages: Record<string, string> = {}
    for (const language of ['en', 'sq', 'sr-Latn']) {
      const response = await client
        .post('/api/v1/budget-checks')
        .withGuard('api')
        .loginAs(user)
        .header('accept-language', language)
        .json({
          currency: 'EUR',
          lines: [
            {
              heading: 'travel',
              label: 'Trips',
              unit: 'trip',
              quantity: '1',
              unitCostCents: 10000,
            },
            {
              heading: 'indirect',
              label: 'Overheads',
              unit: 'sum',
              quantity: '1',
              unitCostCents: 5000,
            },
          ],
        })
      response.assertStatus(200)
      const [violation] = response.body().violations
      assert.equal(violation.code, 'INDIRECT_OVER_CAP')
      messages[language] = violation.message
    }
    assert.notInclude(messages.en, 'INDIRECT_OVER_CAP')
    assert.lengthOf(new Set(Object.values(messages)), 3)
  })

  test('malformed input gets 422 naming each field', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')

    const response = await client
      .post('/api/v1/budget-checks')
      .withGuard('api')
      .loginAs(user)
      .json({
        currency: 'EUR',
        lines: [
          { heading: 'catering', label: 'Food', unit: 'meal', quantity: '1', unitCostCents: 100 },
          { heading: 'travel', label: 'Bus', unit: 'trip', quantity: '1.234', unitCostCents: 100 },
          { heading: 'travel', label: 'Taxi', unit: 'trip', quantity: '1', unitCostCents: -5 },
        ],
      })

    response.assertStatus(422)
    response.assertBodyContains({
      errors: [
        { field: 'lines.0.heading' },
        { field: 'lines.1.quantity' },
        { field: 'lines.2.unitCostCents' },
      ],
    })
  })

  test('requires a signed-in user', async ({ client }) => {
    const response = await client.post('/api/v1/budget-checks').json({ currency: 'EUR', lines: [] })
    response.assertStatus(401)
  })
})
