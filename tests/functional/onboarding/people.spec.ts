import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

async function people() {
  const funder = await makeOrganisation('contracting_authority', 'EU Office')
  const admin = await makeMember(funder, 'admin')
  const ngo = await makeOrganisation('ngo', 'Some NGO')
  const applicant = await makeMember(ngo, 'applicant')
  return { funder, admin, ngo, applicant }
}

test.group('People: deactivation and reactivation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a deactivated person cannot sign in and their API token stops at once', async ({
    client,
    assert,
  }) => {
    const { admin, applicant } = await people()
    const token = await User.accessTokens.create(applicant, ['*'], { name: 'api' })
    const bearer = token.value!.release()
    const before = await client.get('/api/v1/me').bearerToken(bearer)
    before.assertStatus(200)

    const response = await client
      .post(`/admin/users/${applicant.id}/deactivation`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', `/admin/users/${applicant.id}`)

    await applicant.refresh()
    assert.isFalse(applicant.isActive)
    const after = await client.get('/api/v1/me').bearerToken(bearer)
    after.assertStatus(401)
    const tokens = await db.from('auth_access_tokens').where('tokenable_id', applicant.id)
    assert.lengthOf(tokens, 0)

    const login = await client
      .post('/login')
      .form({ email: applicant.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.notExists(login.session()['auth_web'])

    const page = await client.get('/dashboard').loginAs(applicant)
    assert.notEqual(page.status(), 200)

    const event = await db.from('audit_events').where({ action: 'user.deactivated' }).first()
    assert.equal(event.actor_id, admin.id)
    assert.include(event.after_json, '"apiTokensDeleted":1')
  })

  test('a reactivated person signs in again; both changes are listed on their page', async ({
    client,
    assert,
  }) => {
    const { admin, applicant } = await people()
    await client.post(`/admin/users/${applicant.id}/deactivation`).loginAs(admin).withCsrfToken()
    const reactivated = await client
      .delete(`/admin/users/${applicant.id}/deactivation`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    reactivated.assertHeader('location', `/admin/users/${applicant.id}`)
    await applicant.refresh()
    assert.isTrue(applicant.isActive)

    const login = await client
      .post('/login')
      .form({ email: applicant.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.exists(login.session()['auth_web'])

    const page = await client.get(`/admin/users/${applicant.id}`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('user.deactivated')
    page.assertTextIncludes('user.reactivated')
  })

  test('the last active administrator cannot be deactivated', async ({ client, assert }) => {
    const { funder, admin } = await people()
    const second = await makeMember(funder, 'admin')

    await client.post(`/admin/users/${admin.id}/deactivation`).loginAs(second).withCsrfToken()
    await admin.refresh()
    assert.isFalse(admin.isActive)

    const refused = await client
      .post(`/admin/users/${second.id}/deactivation`)
      .loginAs(second)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /your own account/)

    const third = await makeMember(funder, 'grant_manager')
    await makeMember(funder, 'admin').then(async (other) => {
      other.isActive = false
      await other.save()
    })
    const { DeactivateUser } = await import('#actions/users/deactivate_user')
    await assert.rejects(
      () => new DeactivateUser().handle(second.id, third, '127.0.0.1'),
      /last active administrator/
    )
    await second.refresh()
    assert.isTrue(second.isActive)
  })

  test('only administrators deactivate, see a person’s page or reactivate', async ({
    client,
    assert,
  }) => {
    const { funder, applicant, admin } = await people()
    const manager = await makeMember(funder, 'grant_manager')
    const page = await client.get(`/admin/users/${applicant.id}`).loginAs(manager)
    page.assertStatus(403)
    await client.post(`/admin/users/${applicant.id}/deactivation`).loginAs(manager).withCsrfToken()
    await applicant.refresh()
    assert.isTrue(applicant.isActive)

    admin.isActive = false
    await admin.save()
    await client.delete(`/admin/users/${admin.id}/deactivation`).loginAs(manager).withCsrfToken()
    await admin.refresh()
    assert.isFalse(admin.isActive)
    assert.isNull(await db.from('audit_events').where('action', 'like', 'user.%activated').first())
  })
})
