import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

test.group('Signing in and out', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a user signs in with the right password and lands on the dashboard', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/dashboard')
    assert.exists(response.session()['auth_web'])
    const event = await db
      .from('audit_events')
      .where({ action: 'auth.login', actor_id: user.id })
      .first()
    assert.exists(event)
  })

  test('a wrong password is refused and nobody is signed in', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'not-the-password' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    assert.notExists(response.session()['auth_web'])
    response.assertFlashMessage('error', 'The email or password is not correct.')
    const event = await db
      .from('audit_events')
      .where({ action: 'auth.login_failed' })
      .orderBy('id', 'desc')
      .first()
    assert.include(event.after_json, user.email)
  })

  test('after five failures even the right password is blocked', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await client
        .post('/login')
        .form({ email: user.email, password: `wrong-${attempt}` })
        .withCsrfToken()
        .redirects(0)
      failed.assertFlashMessage('error', 'The email or password is not correct.')
    }

    const blocked = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)

    assert.notExists(blocked.session()['auth_web'])
    assert.match(String(blocked.flashMessages().error), /Too many failed attempts/)
  })

  test('a form post without a CSRF token is rejected', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .redirects(0)

    response.assertStatus(302)
    assert.notExists(response.session()['auth_web'])
    const errorsBag = response.flashMessages().errorsBag as Record<string, string> | undefined
    assert.exists(errorsBag?.E_BAD_CSRF_TOKEN)
    assert.isNull(
      await db.from('audit_events').where({ action: 'auth.login', actor_id: user.id }).first()
    )
  })

  test('signing out ends the session', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client.post('/logout').loginAs(user).withCsrfToken().redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/login')
    assert.notExists(response.session()['auth_web'])
  })

  test('pages behind sign-in redirect guests to the login page', async ({ client }) => {
    const response = await client.get('/dashboard').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})
