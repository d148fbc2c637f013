import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { LAST_USED_PRECISION_MS } from '#services/access_tokens_provider'
import { AuthCache } from '#services/auth_cache'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

async function lastUsedOf(userId: number) {
  const row = await db.from('auth_access_tokens').where('tokenable_id', userId).firstOrFail()
  return row.last_used_at === null ? null : new Date(row.last_used_at).getTime()
}

test.group('API: a token read does not write on every request', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the last-used time is written once per window, not on every request', async ({
    client,
    assert,
  }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const created = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    const token = created.body().token as string
    assert.isNull(await lastUsedOf(user.id))

    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(200))
    const first = await lastUsedOf(user.id)
    assert.isNotNull(first)

    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(200))
    assert.equal(await lastUsedOf(user.id), first)

    const old = new Date(Date.now() - LAST_USED_PRECISION_MS - 60_000)
    await db.from('auth_access_tokens').where('tokenable_id', user.id).update({ last_used_at: old })
    /* Five minutes later the cached token row (ADR 0018, seconds) has long expired. */
    AuthCache.forgetAll()
    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(200))
    const renewed = await lastUsedOf(user.id)
    assert.isAbove(renewed!, old.getTime() + 60_000)
  })

  test('a token with a wrong secret is refused and writes nothing', async ({ client, assert }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const created = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    const token = created.body().token as string
    const forged = `${token.slice(0, -4)}${token.endsWith('aaaa') ? 'bbbb' : 'aaaa'}`

    const response = await client.get('/api/v1/me').bearerToken(forged)
    response.assertStatus(401)
    assert.isNull(await lastUsedOf(user.id))
  })
})
