import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { AttemptLogin } from '#actions/auth/attempt_login'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

test.group('Login lockout per account and per address', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('failures on one account from different addresses lock that account', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const attempts = new AttemptLogin()

    for (let attempt = 1; attempt <= AttemptLogin.account.maxAttempts; attempt++) {
      const failed = await attempts.handle(user.email, `wrong-${attempt}`, `198.51.100.${attempt}`)
      assert.deepEqual(failed, { ok: false, reason: 'invalid_credentials' })
    }

    const locked = await attempts.handle(user.email, TEST_PASSWORD, '192.0.2.44')
    assert.isFalse(locked.ok)
    assert.equal(!locked.ok && locked.reason, 'too_many_attempts')

    const event = await db
      .from('audit_events')
      .where({ action: 'auth.login_blocked' })
      .orderBy('id', 'desc')
      .first()
    assert.include(event.after_json, '"blockedBy":"account"')
    assert.equal(event.ip, '192.0.2.44')
  })

  test('fewer failures than the limit do not lock, and a success clears them', async ({
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const attempts = new AttemptLogin()

    for (let round = 0; round < 2; round++) {
      for (let attempt = 1; attempt < AttemptLogin.account.maxAttempts; attempt++) {
        await attempts.handle(user.email, `wrong-${attempt}`, '198.51.100.9')
      }
      const result = await attempts.handle(user.email, TEST_PASSWORD, '198.51.100.9')
      assert.isTrue(result.ok)
    }
  })

  test('password spraying from one address blocks the address', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const users = []
    for (let index = 0; index < 14; index++) users.push(await makeMember(ngo, 'applicant'))

    for (const user of users) {
      for (let attempt = 1; attempt <= 4; attempt++) {
        await client
          .post('/login')
          .form({ email: user.email, password: `Spring2026-${attempt}` })
          .withCsrfToken()
          .redirects(0)
      }
    }

    const other = await makeMember(ngo, 'applicant')
    const blocked = await client
      .post('/login')
      .form({ email: other.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.notExists(blocked.session()['auth_web'])
    assert.match(String(blocked.flashMessages().error), /Too many failed attempts/)

    const token = await client
      .post('/api/v1/tokens')
      .json({ email: other.email, password: TEST_PASSWORD })
    token.assertStatus(429)
    token.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })

    const event = await db
      .from('audit_events')
      .where({ action: 'auth.login_blocked' })
      .orderBy('id', 'desc')
      .first()
    assert.include(event.after_json, '"blockedBy":"address"')
  })

  test('the address block does not lock the accounts elsewhere', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const attempts = new AttemptLogin()
    const victim = await makeMember(ngo, 'applicant')

    for (let index = 0; index < AttemptLogin.address.maxAttempts; index++) {
      await attempts.handle(`nobody-${index}@example.org`, 'guess', '203.0.113.5')
    }
    const fromAttacker = await attempts.handle(victim.email, TEST_PASSWORD, '203.0.113.5')
    assert.isFalse(fromAttacker.ok)

    const fromVictim = await attempts.handle(victim.email, TEST_PASSWORD, '192.0.2.10')
    assert.isTrue(fromVictim.ok)
  })

  test('the token endpoint refuses a locked account whatever the address', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const attempts = new AttemptLogin()
    for (let attempt = 1; attempt <= AttemptLogin.account.maxAttempts; attempt++) {
      await attempts.handle(user.email, `wrong-${attempt}`, `198.51.100.${attempt + 20}`)
    }

    const response = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    response.assertStatus(429)
    response.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
  })
})
