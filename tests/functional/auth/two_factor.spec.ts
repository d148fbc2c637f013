import { test } from '@japa/runner'
import * as OTPAuth from 'otpauth'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { TwoFactor } from '#services/two_factor'
import { HttpAgent } from '#tests/http_agent'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

/** What an authenticator app shows now for a base32 secret. */
function codeFor(secret: string, offsetSteps = 0) {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  })
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 })
}

/** A user with two-factor sign-in already on; returns the secret and the recovery codes. */
async function enrolled(user: User) {
  const secret = TwoFactor.newSecret()
  const recoveryCodes = await db.transaction((trx) => TwoFactor.enable(user, secret, 0, trx))
  return { secret, recoveryCodes }
}

async function passwordStep(user: User) {
  const agent = new HttpAgent()
  const response = await agent.submit('/login', '/login', {
    email: user.email,
    password: TEST_PASSWORD,
  })
  return { agent, location: response.headers.get('location') }
}

async function pageText(agent: HttpAgent, path: string) {
  const response = await agent.get(path)
  return response.text()
}

async function landing(agent: HttpAgent, path: string) {
  const response = await agent.get(path)
  return response.status === 200 ? null : response.headers.get('location')
}

test.group('Two-factor sign-in: enrolment on the profile page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person scans the QR code, confirms with a code and gets recovery codes once', async ({
    assert,
  }) => {
    const ca = await makeOrganisation('contracting_authority')
    const user = await makeMember(ca, 'grant_manager')
    const { agent, location } = await passwordStep(user)
    assert.equal(location, '/dashboard')

    const page = await pageText(agent, '/profile/two-factor')
    assert.match(page, /<img src="data:image\/png;base64,[^"]+"[^>]*data-two-factor-qr/)
    const secret = page.match(/data-two-factor-secret>([A-Z2-7]+)</)![1]

    await agent.submit('/profile/two-factor', '/profile/two-factor', { code: '000000' })
    const refused = await db.from('users').where('id', user.id).first()
    assert.isNull(refused.two_factor_enabled_at)

    const confirmed = await agent.submit('/profile/two-factor', '/profile/two-factor', {
      code: codeFor(secret),
    })
    assert.equal(confirmed.headers.get('location'), '/profile/two-factor')
    const shown = await pageText(agent, '/profile/two-factor')
    const codes = [...shown.matchAll(/<li><code>([0-9a-f-]+)<\/code><\/li>/g)].map((m) => m[1])
    assert.lengthOf(codes, 10)

    const row = await db.from('users').where('id', user.id).first()
    assert.isNotNull(row.two_factor_enabled_at)
    assert.notInclude(row.two_factor_secret, secret)
    const hashes = await db.from('two_factor_recovery_codes').where('user_id', user.id)
    assert.lengthOf(hashes, 10)
    for (const code of codes) {
      assert.notInclude(
        hashes.map((h) => h.code_hash),
        code
      )
    }

    const again = await pageText(agent, '/profile/two-factor')
    assert.notInclude(again, codes[0])
    assert.include(again, '10 recovery codes left.')
  })
})

test.group('Two-factor sign-in: the second step', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the password alone does not sign in; the current code does, once', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const { secret } = await enrolled(user)

    const { agent, location } = await passwordStep(user)
    assert.equal(location, '/login/two-factor')
    assert.equal(await landing(agent, '/dashboard'), '/login')

    const code = codeFor(secret)
    const passed = await agent.submit('/login/two-factor', '/login/two-factor', { code })
    assert.equal(passed.headers.get('location'), '/dashboard')
    assert.isNull(await landing(agent, '/dashboard'))
    const actions = await db
      .from('audit_events')
      .where('actor_id', user.id)
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      actions.map((row) => row.action),
      ['auth.password_accepted', 'auth.two_factor_passed', 'auth.login']
    )

    const replay = await passwordStep(user)
    const refused = await replay.agent.submit('/login/two-factor', '/login/two-factor', { code })
    assert.equal(refused.headers.get('location'), '/login/two-factor')
    assert.equal(await landing(replay.agent, '/dashboard'), '/login')
  })

  test('a recovery code signs in once', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const { recoveryCodes } = await enrolled(user)

    const first = await passwordStep(user)
    const passed = await first.agent.submit('/login/two-factor', '/login/two-factor', {
      code: recoveryCodes[3].toUpperCase(),
    })
    assert.equal(passed.headers.get('location'), '/dashboard')

    const second = await passwordStep(user)
    const refused = await second.agent.submit('/login/two-factor', '/login/two-factor', {
      code: recoveryCodes[3],
    })
    assert.equal(refused.headers.get('location'), '/login/two-factor')
    assert.equal(await landing(second.agent, '/dashboard'), '/login')
  })

  test('five wrong codes lock the second step, even for the right code', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const { secret } = await enrolled(user)
    const { agent } = await passwordStep(user)

    for (let attempt = 0; attempt < 5; attempt++) {
      await agent.submit('/login/two-factor', '/login/two-factor', { code: '123456' })
    }
    await agent.submit('/login/two-factor', '/login/two-factor', { code: codeFor(secret) })
    assert.equal(await landing(agent, '/dashboard'), '/login')
    const blocked = await db
      .from('audit_events')
      .where({ action: 'auth.two_factor_blocked', subject_id: String(user.id) })
      .first()
    assert.exists(blocked)
  })

  test('the second step cannot be opened without the password step', async ({ assert }) => {
    const agent = new HttpAgent()
    assert.equal(await landing(agent, '/login/two-factor'), '/login')
  })

  test('the token endpoint asks for the code too', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const { secret } = await enrolled(user)

    const withoutCode = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    withoutCode.assertStatus(401)
    withoutCode.assertBodyContains({ errors: [{ code: 'E_TWO_FACTOR_REQUIRED' }] })

    const wrongCode = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD, otp: '000000' })
    wrongCode.assertStatus(401)
    wrongCode.assertBodyContains({ errors: [{ code: 'E_INVALID_TWO_FACTOR_CODE' }] })

    const withCode = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD, otp: codeFor(secret) })
    withCode.assertStatus(201)
  })
})

test.group('Two-factor sign-in required for staff roles (REQUIRE_2FA)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    const before = TwoFactor.required
    TwoFactor.required = true
    return () => {
      TwoFactor.required = before
    }
  })

  test('a grant manager without it is sent to enrol before anything else', async ({ client }) => {
    const ca = await makeOrganisation('contracting_authority')
    const manager = await makeMember(ca, 'grant_manager')

    const dashboard = await client.get('/dashboard').loginAs(manager).redirects(0)
    dashboard.assertStatus(302)
    dashboard.assertHeader('location', '/profile/two-factor')

    const enrol = await client.get('/profile/two-factor').loginAs(manager)
    enrol.assertStatus(200)
    enrol.assertTextIncludes('Your role needs two-factor sign-in.')

    const token = await client
      .post('/api/v1/tokens')
      .json({ email: manager.email, password: TEST_PASSWORD })
    token.assertStatus(403)
    token.assertBodyContains({ errors: [{ code: 'E_TWO_FACTOR_ENROLMENT_REQUIRED' }] })
  })

  test('finance officers, MLSW officials and admins too, but not applicants', async ({
    client,
  }) => {
    const ca = await makeOrganisation('contracting_authority')
    const ministry = await makeOrganisation('ministry')
    const ngo = await makeOrganisation('ngo')
    for (const person of [
      await makeMember(ca, 'finance_officer'),
      await makeMember(ministry, 'mlsw_official'),
      await makeMember(ca, 'admin'),
    ]) {
      const response = await client.get('/dashboard').loginAs(person).redirects(0)
      response.assertHeader('location', '/profile/two-factor')
    }
    const applicant = await makeMember(ngo, 'applicant')
    const response = await client.get('/dashboard').loginAs(applicant).redirects(0)
    response.assertStatus(200)
  })

  test('an enrolled grant manager works as usual', async ({ client }) => {
    const ca = await makeOrganisation('contracting_authority')
    const manager = await makeMember(ca, 'grant_manager')
    await enrolled(manager)

    const response = await client.get('/dashboard').loginAs(manager).redirects(0)
    response.assertStatus(200)
  })
})

test.group('Two-factor sign-in: recovery codes and turning it off', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function signedIn(user: User, secret: string) {
    const { agent } = await passwordStep(user)
    await agent.submit('/login/two-factor', '/login/two-factor', { code: codeFor(secret) })
    return agent
  }

  test('new recovery codes need a current code and void the old ones', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const { secret, recoveryCodes } = await enrolled(user)
    const agent = await signedIn(user, secret)

    await agent.submit('/profile/two-factor', '/profile/two-factor/recovery-codes', {
      code: '000000',
    })
    const unchanged = await db.from('two_factor_recovery_codes').where('user_id', user.id)
    assert.lengthOf(unchanged, 10)

    // the sign-in used this step's code, so the next step's code proves possession
    await agent.submit('/profile/two-factor', '/profile/two-factor/recovery-codes', {
      code: codeFor(secret, 1),
    })
    const page = await pageText(agent, '/profile/two-factor')
    const fresh = [...page.matchAll(/<li><code>([0-9a-f-]+)<\/code><\/li>/g)].map((m) => m[1])
    assert.lengthOf(fresh, 10)

    const old = await passwordStep(user)
    const refused = await old.agent.submit('/login/two-factor', '/login/two-factor', {
      code: recoveryCodes[0],
    })
    assert.equal(refused.headers.get('location'), '/login/two-factor')
    const next = await passwordStep(user)
    const passed = await next.agent.submit('/login/two-factor', '/login/two-factor', {
      code: fresh[0],
    })
    assert.equal(passed.headers.get('location'), '/dashboard')
  })

  test('a person turns it off with a current code', async ({ assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const { secret } = await enrolled(user)
    const agent = await signedIn(user, secret)

    await agent.submit('/profile/two-factor', '/profile/two-factor', { code: '000000' }, 'DELETE')
    const stillOn = await db.from('users').where('id', user.id).first()
    assert.isNotNull(stillOn.two_factor_secret)

    const off = await agent.submit(
      '/profile/two-factor',
      '/profile/two-factor',
      { code: codeFor(secret, 1) },
      'DELETE'
    )
    assert.equal(off.headers.get('location'), '/profile')
    const row = await db.from('users').where('id', user.id).first()
    assert.isNull(row.two_factor_secret)
    assert.isNull(row.two_factor_enabled_at)
    assert.lengthOf(await db.from('two_factor_recovery_codes').where('user_id', user.id), 0)
    const { location } = await passwordStep(user)
    assert.equal(location, '/dashboard')
  })

  test('a grant manager cannot turn it off while it is required', async ({ assert, cleanup }) => {
    const before = TwoFactor.required
    TwoFactor.required = true
    cleanup(() => {
      TwoFactor.required = before
    })
    const ca = await makeOrganisation('contracting_authority')
    const manager = await makeMember(ca, 'grant_manager')
    const { secret } = await enrolled(manager)
    const agent = await signedIn(manager, secret)

    await agent.submit(
      '/profile/two-factor',
      '/profile/two-factor',
      { code: codeFor(secret, 1) },
      'DELETE'
    )
    const row = await db.from('users').where('id', manager.id).first()
    assert.isNotNull(row.two_factor_enabled_at)
  })
})
