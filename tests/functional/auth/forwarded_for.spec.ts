import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

/** The test client connects over loopback; no proxy is configured in tests. */
const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1']

test.group('A forged X-Forwarded-For header', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('does not change the address written to the audit trail', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    await client
      .post('/login')
      .header('x-forwarded-for', '203.0.113.77')
      .form({ email: user.email, password: 'not-the-password' })
      .withCsrfToken()
      .redirects(0)

    const event = await db
      .from('audit_events')
      .where({ action: 'auth.login_failed' })
      .orderBy('id', 'desc')
      .first()
    assert.include(event.after_json, user.email)
    assert.include(LOOPBACK, event.ip)
  })

  test('does not reset the login throttle when it changes on every try', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    for (let attempt = 1; attempt <= 5; attempt++) {
      await client
        .post('/login')
        .header('x-forwarded-for', `198.51.100.${attempt}`)
        .form({ email: user.email, password: `wrong-${attempt}` })
        .withCsrfToken()
        .redirects(0)
    }

    const blocked = await client
      .post('/login')
      .header('x-forwarded-for', '198.51.100.200')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)

    assert.notExists(blocked.session()['auth_web'])
    assert.match(String(blocked.flashMessages().error), /Too many failed attempts/)
  })

  test('does not reset the token endpoint throttle either', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await client
        .post('/api/v1/tokens')
        .header('x-forwarded-for', `198.51.100.${attempt}`)
        .json({ email: user.email, password: `wrong-${attempt}` })
      failed.assertStatus(401)
    }

    const blocked = await client
      .post('/api/v1/tokens')
      .header('x-forwarded-for', '198.51.100.201')
      .json({ email: user.email, password: TEST_PASSWORD })
    blocked.assertStatus(429)
  })
})
