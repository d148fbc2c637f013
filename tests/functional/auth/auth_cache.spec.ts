import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import { DeactivateUser } from '#actions/users/deactivate_user'
import { AuthCache } from '#services/auth_cache'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

/**
 * ADR 0018: verified tokens and the signed-in user's rows are cached in the
 * process, and every write that changes them acts on the very next request.
 */
test.group('Auth cache: revocation acts at once', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function tokenFor(client: any, email: string) {
    const created = await client.post('/api/v1/tokens').json({ email, password: TEST_PASSWORD })
    created.assertStatus(201)
    return created.body().token as string
  }

  test('a revoked token is refused on the next request', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const token = await tokenFor(client, user.email)
    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(200))
    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(200))

    await client
      .delete('/api/v1/tokens/current')
      .bearerToken(token)
      .then((r) => r.assertStatus(204))
    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(401))
  })

  test('a deactivated person is refused on the next request', async ({ client }) => {
    const organisation = await makeOrganisation('ngo')
    const user = await makeMember(organisation, 'applicant')
    const admin = await makeMember(await makeOrganisation('ministry'), 'admin')
    const token = await tokenFor(client, user.email)
    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(200))

    await new DeactivateUser().handle(user.id, admin, '127.0.0.1')
    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(401))
  })

  test('a role taken away is gone from the next request', async ({ client, assert }) => {
    const organisation = await makeOrganisation('ngo')
    const user = await makeMember(organisation, 'applicant')
    await Membership.create({ userId: user.id, organisationId: organisation.id, role: 'auditor' })
    const token = await tokenFor(client, user.email)
    const before = await client.get('/api/v1/me').bearerToken(token)
    assert.sameMembers(before.body().organisations[0].roles, ['applicant', 'auditor'])

    const auditor = await Membership.query()
      .where('user_id', user.id)
      .where('role', 'auditor')
      .firstOrFail()
    await auditor.delete()
    const after = await client.get('/api/v1/me').bearerToken(token)
    assert.deepEqual(after.body().organisations[0].roles, ['applicant'])
  })

  test('a write the process did not make is seen once the entry expires', async ({
    client,
    assert,
  }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const token = await tokenFor(client, user.email)
    await client
      .get('/api/v1/me')
      .bearerToken(token)
      .then((r) => r.assertStatus(200))

    /* Another process deletes the token: this one sees it within AUTH_CACHE_SECONDS. */
    await db.from('auth_access_tokens').where('tokenable_id', user.id).delete()
    const ttl = AuthCache.ttlMs
    AuthCache.ttlMs = 1
    try {
      await new Promise((resolve) => setTimeout(resolve, 5))
      await client
        .get('/api/v1/me')
        .bearerToken(token)
        .then((r) => r.assertStatus(401))
    } finally {
      AuthCache.ttlMs = ttl
    }
    assert.isTrue(ttl > 0)
  })
})
