import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

test.group('API: access tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a token is created, used and revoked', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo', 'Token Shelter NGO')
    const user = await makeMember(ngo, 'applicant')

    const created = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    created.assertStatus(201)
    assert.equal(created.body().type, 'bearer')
    const token = created.body().token as string

    const me = await client.get('/api/v1/me').bearerToken(token)
    me.assertStatus(200)
    me.assertBody({
      id: user.id,
      email: user.email,
      name: user.fullName,
      organisations: [{ id: ngo.id, name: 'Token Shelter NGO', kind: 'ngo', roles: ['applicant'] }],
    })

    const revoked = await client.delete('/api/v1/tokens/current').bearerToken(token)
    revoked.assertStatus(204)

    const after = await client.get('/api/v1/me').bearerToken(token)
    after.assertStatus(401)
    after.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED_ACCESS' }] })
  })

  test('bad credentials get 401 in the error format', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: 'nope-nope-nope' })

    response.assertStatus(401)
    response.assertBody({
      errors: [{ code: 'E_INVALID_CREDENTIALS', message: 'Invalid email or password' }],
    })
  })

  test('token creation is rate-limited like the login form', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    for (let attempt = 0; attempt < 5; attempt++) {
      const failed = await client
        .post('/api/v1/tokens')
        .json({ email: user.email, password: `bad-${attempt}` })
      failed.assertStatus(401)
    }

    const response = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })

    response.assertStatus(429)
    response.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
  })

  test('a malformed request gets 422 naming the field', async ({ client }) => {
    const response = await client
      .post('/api/v1/tokens')
      .json({ email: 'not-an-email', password: 'x' })

    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'email' }] })
  })

  test('requests without a token get 401', async ({ client }) => {
    const response = await client.get('/api/v1/organisations')
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED_ACCESS' }] })
  })
})
