import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Membership from '#models/membership'
import type User from '#models/user'
import { todayInKosovo } from '#services/clock'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeLicence, makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

async function tokenFor(client: ApiClient, user: User) {
  const created = await client
    .post('/api/v1/tokens')
    .json({ email: user.email, password: TEST_PASSWORD })
  return created.body().token as string
}

test.group('Answers kept by data version: read again after every write', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the grants list and a grant follow model, query-builder and membership writes', async ({
    client,
    assert,
  }) => {
    const { grant, funder, creator } = await makeSignedGrant()
    const token = await tokenFor(client, creator)
    const list = async () => {
      const response = await client.get('/api/v1/grants').bearerToken(token)
      return response.body() as { data: { reference: string }[]; meta: { total: number } }
    }
    const total = async () => {
      const body = await list()
      return body.meta.total
    }
    const one = async () => {
      const response = await client.get(`/api/v1/grants/${grant.id}`).bearerToken(token)
      return response.body().data as { reference: string; funderCents: number }
    }
    const detail = async <K extends 'reference' | 'funderCents'>(field: K) => {
      const data = await one()
      return data[field]
    }

    assert.equal(await total(), 1)
    assert.equal(await detail('funderCents'), 100000000)

    /* A model write: a second grant of the same funder. */
    await makeSignedGrant({ funder })
    assert.equal(await total(), 2)

    /* Query-builder writes, past the models. */
    await db.from('grants').where('id', grant.id).update({ reference: 'G-RENAMED' })
    const renamed = await list()
    assert.include(
      renamed.data.map((g) => g.reference),
      'G-RENAMED'
    )
    assert.equal(await detail('reference'), 'G-RENAMED')
    await db
      .from('grants')
      .where('id', grant.id)
      .update({ funder_cents: 99000000, cofinancing_cents: 105263158 - 99000000 })
    assert.equal(await detail('funderCents'), 99000000)

    /* The grant manager leaves the funder: nothing is visible any more. */
    for (const membership of await Membership.query().where('user_id', creator.id)) {
      await membership.delete()
    }
    const after = await client.get('/api/v1/grants').bearerToken(token)
    assert.equal(after.body().meta?.total ?? 0, 0)
  })

  test('the dashboard follows a licence about to expire as soon as it is recorded', async ({
    client,
  }) => {
    const ministry = await makeOrganisation('ministry', 'Ministry of Labour and Social Welfare')
    const official = await makeMember(ministry, 'mlsw_official')
    const ngo = await makeOrganisation('ngo', 'Shelter NGO')
    const before = await client.get('/dashboard').loginAs(official)
    before.assertStatus(200)
    before.assertTextIncludes('Ministry of Labour')
    const today = DateTime.fromISO(todayInKosovo())
    await makeLicence(ngo, official, {
      number: 'LIC-SOON-1',
      issuedOn: today.minus({ years: 3 }).plus({ days: 30 }).toISODate()!,
      validUntil: today.plus({ days: 30 }).toISODate()!,
    })
    const after = await client.get('/dashboard').loginAs(official)
    after.assertStatus(200)
    after.assertTextIncludes('LIC-SOON-1')
  })
})
