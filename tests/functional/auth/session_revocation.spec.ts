import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import type User from '#models/user'
import { HttpAgent } from '#tests/http_agent'
import { LAST_SEEN_AT, SIGNED_IN_AT } from '#services/session_lifetime'
import { makeMember, makeOrganisation, sentMails, TEST_PASSWORD } from '#tests/helpers'

/** Signs in through the login form, like a browser. */
async function signIn(user: User, password = TEST_PASSWORD) {
  const agent = new HttpAgent()
  const response = await agent.submit('/login', '/login', { email: user.email, password })
  if (response.headers.get('location') !== '/dashboard') {
    throw new Error(`Sign-in failed: ${response.status} ${response.headers.get('location')}`)
  }
  return agent
}

/** Where a page sends the agent: null when it is shown (200). */
async function landing(agent: HttpAgent, path: string) {
  const response = await agent.get(path)
  return response.status === 200 ? null : response.headers.get('location')
}

/** The status of GET /api/v1/me with a bearer token. */
async function meStatus(client: ApiClient, token: string) {
  const response = await client.get('/api/v1/me').bearerToken(token)
  return response.status()
}

async function newToken(client: ApiClient, user: User, password = TEST_PASSWORD) {
  const created = await client.post('/api/v1/tokens').json({ email: user.email, password })
  created.assertStatus(201)
  return created.body().token as string
}

function linkIn(text: string) {
  const match = text.match(/\/password\/reset\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`No reset link in: ${text}`)
  return match[1]
}

test.group('Sessions and tokens end with sign-out and password changes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session cookie copied before sign-out no longer opens a page', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const browser = await signIn(user)
    assert.isNull(await landing(browser, '/dashboard'))
    const copied = browser.copy()

    const signedOut = await browser.submit('/dashboard', '/logout', {})
    assert.equal(signedOut.headers.get('location'), '/login')

    assert.equal(await landing(copied, '/dashboard'), '/login')
    assert.equal(await landing(browser, '/dashboard'), '/login')
  })

  test('a password change ends the other sessions and every API token, not this session', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const elsewhere = await signIn(user)
    const here = await signIn(user)
    const token = await newToken(client, user)
    assert.equal(await meStatus(client, token), 200)

    const changed = await here.submit(
      '/profile',
      '/profile/password',
      {
        currentPassword: TEST_PASSWORD,
        password: 'A-brand-new-passphrase',
        passwordConfirmation: 'A-brand-new-passphrase',
      },
      'PUT'
    )
    assert.equal(changed.headers.get('location'), '/profile')
    const profile = await here.get('/profile')
    assert.include(await profile.text(), 'Your password is changed.')

    assert.isNull(await landing(here, '/dashboard'))
    assert.equal(await landing(elsewhere, '/dashboard'), '/login')
    assert.equal(await meStatus(client, token), 401)
  })

  test('a wrong current password changes nothing and ends no session', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const elsewhere = await signIn(user)
    const here = await signIn(user)
    const token = await newToken(client, user)

    await here.submit(
      '/profile',
      '/profile/password',
      {
        currentPassword: 'not-the-password',
        password: 'A-brand-new-passphrase',
        passwordConfirmation: 'A-brand-new-passphrase',
      },
      'PUT'
    )

    assert.isNull(await landing(elsewhere, '/dashboard'))
    assert.equal(await meStatus(client, token), 200)
  })

  test('a password reset ends every session and every API token', async ({
    client,
    cleanup,
    assert,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const browser = await signIn(user)
    const token = await newToken(client, user)

    await client.post('/password/forgot').form({ email: user.email }).withCsrfToken()
    const link = linkIn(sentMails(messages)[0].text)
    const reset = await client
      .post(`/password/reset/${link}`)
      .form({ password: 'A-new-long-password', passwordConfirmation: 'A-new-long-password' })
      .withCsrfToken()
      .redirects(0)
    reset.assertHeader('location', '/login')

    assert.equal(await landing(browser, '/dashboard'), '/login')
    assert.equal(await meStatus(client, token), 401)
  })

  test('a newer reset link voids the older ones, used or not', async ({
    client,
    cleanup,
    assert,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    await client.post('/password/forgot').form({ email: user.email }).withCsrfToken()
    await client.post('/password/forgot').form({ email: user.email }).withCsrfToken()
    const [older, newer] = sentMails(messages).map((sent) => linkIn(sent.text))
    assert.notEqual(older, newer)

    const olderForm = await client.get(`/password/reset/${older}`)
    olderForm.assertTextIncludes('not valid any more')

    const used = await client
      .post(`/password/reset/${newer}`)
      .form({ password: 'A-new-long-password', passwordConfirmation: 'A-new-long-password' })
      .withCsrfToken()
      .redirects(0)
    used.assertHeader('location', '/login')

    const refused = await client
      .post(`/password/reset/${older}`)
      .form({ password: 'Attacker-password-1', passwordConfirmation: 'Attacker-password-1' })
      .withCsrfToken()
      .redirects(0)
    refused.assertHeader('location', '/password/forgot')
    await signIn(user, 'A-new-long-password')
  })
})

test.group('Session timeouts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session within both timeouts stays signed in', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const now = Date.now()
    const response = await client
      .get('/dashboard')
      .loginAs(user)
      .withSession({ [SIGNED_IN_AT]: now - 11 * 3600_000, [LAST_SEEN_AT]: now - 29 * 60_000 })
      .redirects(0)
    response.assertStatus(200)
  })

  test('a session idle for longer than 30 minutes is signed out', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const now = Date.now()
    const response = await client
      .get('/dashboard')
      .loginAs(user)
      .withSession({ [SIGNED_IN_AT]: now - 3600_000, [LAST_SEEN_AT]: now - 31 * 60_000 })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    assert.notExists(response.session()['auth_web'])
    response.assertFlashMessage('error', 'Your session has ended. Sign in again.')
  })

  test('a session older than 12 hours is signed out however active', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const now = Date.now()
    const response = await client
      .get('/dashboard')
      .loginAs(user)
      .withSession({ [SIGNED_IN_AT]: now - 12 * 3600_000 - 60_000, [LAST_SEEN_AT]: now - 1000 })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})
