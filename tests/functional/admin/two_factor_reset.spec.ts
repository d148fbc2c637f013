import { test } from '@japa/runner'
import * as OTPAuth from 'otpauth'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import { TwoFactor } from '#services/two_factor'
import { HttpAgent } from '#tests/http_agent'
import { makeMember, makeOrganisation, sentMails, TEST_PASSWORD } from '#tests/helpers'

function codeFor(secret: string, offsetSteps = 0) {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).generate({ timestamp: Date.now() + offsetSteps * 30_000 })
}

async function enrol(user: User) {
  const secret = TwoFactor.newSecret()
  await db.transaction((trx) => TwoFactor.enable(user, secret, 0, trx))
  return secret
}

/** Signs in with password and code, like a browser. */
async function signIn(user: User, secret: string) {
  const agent = new HttpAgent()
  const first = await agent.submit('/login', '/login', {
    email: user.email,
    password: TEST_PASSWORD,
  })
  if (first.headers.get('location') !== '/login/two-factor') throw new Error('no second step')
  const second = await agent.submit('/login/two-factor', '/login/two-factor', {
    code: codeFor(secret),
  })
  if (second.headers.get('location') !== '/dashboard') throw new Error('sign-in failed')
  return agent
}

async function landing(agent: HttpAgent, path: string) {
  const response = await agent.get(path)
  return response.status === 200 ? null : response.headers.get('location')
}

/** Whether a person still has two-factor sign-in, read again from the database. */
async function stillEnrolled(userId: number) {
  const user = await User.findOrFail(userId)
  return user.hasTwoFactor
}

async function people() {
  const authority = await makeOrganisation('contracting_authority')
  const admin = await makeMember(authority, 'admin')
  const manager = await makeMember(authority, 'grant_manager')
  return { authority, admin, manager }
}

test.group('Admin: resetting another person’s two-factor sign-in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => {
    TwoFactor.required = false
  })

  test('the person is signed out everywhere, told by mail in their language and in the app, audited, and must enrol again', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const { admin, manager } = await people()
    await enrol(admin)
    const secret = await enrol(manager)
    manager.locale = 'sq'
    await manager.save()
    const browser = await signIn(manager, secret)
    assert.isNull(await landing(browser, '/dashboard'))
    const token = await client.post('/api/v1/tokens').json({
      email: manager.email,
      password: TEST_PASSWORD,
      otp: codeFor(secret, 1),
    })
    token.assertStatus(201)
    const bearer = token.body().token as string
    const before = await client.get('/api/v1/me').bearerToken(bearer)
    assert.equal(before.status(), 200)
    TwoFactor.required = true

    const page = await client.get(`/admin/users/${manager.id}`).loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), `action="/admin/users/${manager.id}/two-factor-reset"`)
    assert.include(page.text(), 'data-confirm=')

    const reset = await client
      .post(`/admin/users/${manager.id}/two-factor-reset`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    reset.assertStatus(302)
    reset.assertHeader('location', `/admin/users/${manager.id}`)

    const after = await User.findOrFail(manager.id)
    assert.isFalse(after.hasTwoFactor)
    assert.isNull(after.twoFactorSecret)
    const codes = await db.from('two_factor_recovery_codes').where('user_id', manager.id)
    assert.lengthOf(codes, 0)
    const tokens = await db.from('auth_access_tokens').where('tokenable_id', manager.id)
    assert.lengthOf(tokens, 0)
    const after401 = await client.get('/api/v1/me').bearerToken(bearer)
    assert.equal(after401.status(), 401)
    assert.equal(await landing(browser, '/dashboard'), '/login')

    const event = await db
      .from('audit_events')
      .where({ action: 'user.two_factor_reset', subject_id: String(manager.id) })
      .firstOrFail()
    assert.equal(event.actor_id, admin.id)
    assert.isNotNull(event.created_at)
    assert.include(event.before_json, '"twoFactor":true')
    assert.include(event.before_json, '"unusedRecoveryCodes":10')
    assert.include(event.after_json, '"twoFactor":false')
    assert.include(event.after_json, '"mustEnrol":true')

    const mails = sentMails(messages)
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].to, manager.email)
    assert.equal(mails[0].subject, 'Shelter Grants: hyrja juaj me dy faktorë u rivendos')
    assert.include(mails[0].text, admin.fullName)

    const notice = await db
      .from('notifications')
      .where({ user_id: manager.id, kind: 'imports2.two_factor_reset_notice' })
      .firstOrFail()
    assert.equal(notice.href, '/profile/two-factor')
    TwoFactor.required = false
    const list = await client.get('/notifications').loginAs(manager)
    assert.include(list.text(), 'data-notification="imports2.two_factor_reset_notice"')
    assert.match(
      list.text(),
      /Hyrja juaj me dy faktorë u rivendos nga|Your two-factor sign-in was reset by/
    )
    assert.notInclude(list.text(), 'imports2.two_factor_reset_notice.title')
    TwoFactor.required = true

    // At the next sign-in, the password alone opens only the enrolment.
    const again = new HttpAgent()
    const signedIn = await again.submit('/login', '/login', {
      email: manager.email,
      password: TEST_PASSWORD,
    })
    assert.equal(signedIn.headers.get('location'), '/dashboard')
    assert.equal(await landing(again, '/dashboard'), '/profile/two-factor')
  }).timeout(60_000)

  test('a non-admin is refused with 403 and nothing changes', async ({ client, assert }) => {
    const { manager } = await people()
    const other = await makeMember(
      await makeOrganisation('contracting_authority'),
      'finance_officer'
    )
    await enrol(other)
    const refused = await client
      .post(`/admin/users/${other.id}/two-factor-reset`)
      .loginAs(manager)
      .withCsrfToken()
      .accept('json')
    refused.assertStatus(403)
    const form = await client
      .post(`/admin/users/${other.id}/two-factor-reset`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    form.assertStatus(302)
    assert.isTrue(await stillEnrolled(other.id))
    const events = await db.from('audit_events').where('action', 'user.two_factor_reset')
    assert.lengthOf(events, 0)
  })

  test('an admin cannot reset their own two-factor sign-in through this path', async ({
    client,
    assert,
  }) => {
    const { admin } = await people()
    await enrol(admin)
    const page = await client.get(`/admin/users/${admin.id}`).loginAs(admin)
    assert.notInclude(page.text(), 'two-factor-reset')
    const refused = await client
      .post(`/admin/users/${admin.id}/two-factor-reset`)
      .loginAs(admin)
      .withCsrfToken()
      .accept('json')
    refused.assertStatus(403)
    assert.isTrue(await stillEnrolled(admin.id))
    const events = await db.from('audit_events').where('action', 'user.two_factor_reset')
    assert.lengthOf(events, 0)
  })

  test('an admin without two-factor sign-in, while it is required, resets nothing', async ({
    client,
    assert,
  }) => {
    const { admin, manager } = await people()
    await enrol(manager)
    TwoFactor.required = true
    const refused = await client
      .post(`/admin/users/${manager.id}/two-factor-reset`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.include([302, 403], refused.status())
    if (refused.status() === 302) refused.assertHeader('location', '/profile/two-factor')
    assert.isTrue(await stillEnrolled(manager.id))
    const events = await db.from('audit_events').where('action', 'user.two_factor_reset')
    assert.lengthOf(events, 0)
  })

  test('a person without two-factor sign-in has nothing to reset: sent back with the reason', async ({
    client,
    assert,
  }) => {
    const { admin, manager } = await people()
    const refused = await client
      .post(`/admin/users/${manager.id}/two-factor-reset`)
      .loginAs(admin)
      .withCsrfToken()
      .header('referer', `/admin/users/${manager.id}`)
      .redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage('error', 'This person has no two-factor sign-in to reset.')
    const events = await db.from('audit_events').where('action', 'user.two_factor_reset')
    assert.lengthOf(events, 0)
  })
})
