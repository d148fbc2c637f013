import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

async function tokenFor(client: ApiClient, user: User, extra: Record<string, unknown> = {}) {
  const created = await client
    .post('/api/v1/tokens')
    .json({ email: user.email, password: TEST_PASSWORD, ...extra })
  created.assertStatus(201)
  return created.body().token as string
}

async function status(request: Promise<{ status(): number }>) {
  const response = await request
  return response.status()
}

test.group('API tokens: names, scopes and expiry', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a read token reads but is refused on write routes with 403', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const token = await tokenFor(client, user, { name: 'dashboard', scope: 'read' })

    assert.equal(await status(client.get('/api/v1/me').bearerToken(token)), 200)

    const write = await client
      .post('/api/v1/grants/1/expense-reports')
      .bearerToken(token)
      .json({ periodStart: '2026-01-01' })
    write.assertStatus(403)
    write.assertBody({ errors: [{ code: 'E_TOKEN_SCOPE', message: 'This token may only read' }] })
    assert.equal(
      await status(client.put('/api/v1/grants/1/forecasts').bearerToken(token).json({})),
      403
    )

    // computing a check changes nothing, so a read token may ask
    assert.notEqual(
      await status(client.post('/api/v1/budget-checks').bearerToken(token).json({})),
      403
    )
    assert.equal(await status(client.delete('/api/v1/tokens/current').bearerToken(token)), 204)
  })

  test('a write token passes the scope check', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const token = await tokenFor(client, user, { scope: 'write' })

    const write = await client
      .post('/api/v1/grants/999999/expense-reports')
      .bearerToken(token)
      .json({})
    assert.equal(write.status(), 404, 'past the scope check, the grant is not found')
  })

  test('tokens carry their name, scope and expiry', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    await tokenFor(client, user, { name: 'reporting', scope: 'read', expiresInDays: 7 })

    const row = await db.from('auth_access_tokens').where('tokenable_id', user.id).firstOrFail()
    assert.equal(row.name, 'reporting')
    assert.deepEqual(JSON.parse(row.abilities), ['read'])
    const days = (new Date(row.expires_at).getTime() - Date.now()) / 86_400_000
    assert.closeTo(days, 7, 0.1)
  })

  test('an expired token is refused with 401', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const token = await tokenFor(client, user, { expiresInDays: 1 })
    await db
      .from('auth_access_tokens')
      .where('tokenable_id', user.id)
      .update({ expires_at: new Date(Date.now() - 60_000) })

    assert.equal(await status(client.get('/api/v1/me').bearerToken(token)), 401)
  })

  test('an unknown scope or a lifetime out of range is refused with 422', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const badScope = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD, scope: 'admin' })
    badScope.assertStatus(422)
    badScope.assertBodyContains({ errors: [{ field: 'scope' }] })

    const tooLong = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD, expiresInDays: 366 })
    tooLong.assertStatus(422)
    tooLong.assertBodyContains({ errors: [{ field: 'expiresInDays' }] })
  })
})

test.group('API tokens on the profile page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person creates a read token, sees it listed, uses it and revokes it', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const created = await client
      .post('/profile/tokens')
      .loginAs(user)
      .form({ name: 'Spreadsheet', scope: 'read', expiresInDays: '90' })
      .withCsrfToken()
      .redirects(0)
    created.assertHeader('location', '/profile#api-tokens')
    const shown = created.flashMessage('newApiToken') as { name: string; value: string }
    assert.equal(shown.name, 'Spreadsheet')
    assert.match(shown.value, /^sg_/)

    const page = await client.get('/profile').loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Spreadsheet')
    page.assertTextIncludes('Read only')
    assert.notInclude(page.text(), shown.value)

    assert.equal(await status(client.get('/api/v1/me').bearerToken(shown.value)), 200)
    assert.equal(
      await status(client.post('/api/v1/grants/1/expense-reports').bearerToken(shown.value)),
      403
    )

    const row = await db.from('auth_access_tokens').where('tokenable_id', user.id).firstOrFail()
    const revoked = await client
      .delete(`/profile/tokens/${row.id}`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    revoked.assertHeader('location', '/profile#api-tokens')
    assert.equal(await status(client.get('/api/v1/me').bearerToken(shown.value)), 401)

    const audit = await db
      .from('audit_events')
      .where({ action: 'api_token.revoked', actor_id: user.id })
      .first()
    assert.exists(audit)
  })

  test("nobody revokes another person's token", async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const owner = await makeMember(ngo, 'applicant')
    const other = await makeMember(ngo, 'applicant')
    const token = await tokenFor(client, owner)
    const row = await db.from('auth_access_tokens').where('tokenable_id', owner.id).firstOrFail()

    const response = await client
      .delete(`/profile/tokens/${row.id}`)
      .loginAs(other)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.equal(await status(client.get('/api/v1/me').bearerToken(token)), 200)
  })

  test('a token without a name is refused', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .post('/profile/tokens')
      .loginAs(user)
      .form({ name: '', scope: 'write', expiresInDays: '30' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.property(response.flashMessage('inputErrorsBag'), 'name')
    assert.isNull(await db.from('auth_access_tokens').where('tokenable_id', user.id).first())
  })
})
