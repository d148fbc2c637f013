import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/**
 * Refusals and API errors come in the reader's language: the web in the
 * page's language, the API in that of Accept-Language (else the person's
 * saved language).
 */
test.group('Languages: server messages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a refusal is flashed in Albanian on the web and said in Serbian over the API', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant } = await paymentPeople(grant)
    const first = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    first.assertStatus(201)

    const web = await client
      .post(`/grants/${grant.id}/payment-requests`)
      .withSession({ locale: 'sq' })
      .withCsrfToken()
      .loginAs(applicant)
      .redirects(0)
    web.assertStatus(302)
    assert.equal(
      web.flashMessages().error,
      'Kërkesa 1 është ende e hapur; duhet të paguhet fillimisht.'
    )

    const api = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .header('accept-language', 'sr-Latn')
      .withGuard('api')
      .loginAs(applicant)
    api.assertStatus(409)
    assert.deepEqual(api.body().errors, [
      { code: 'E_CONFLICT', message: 'Zahtev 1 je još otvoren; najpre mora biti isplaćen.' },
    ])

    // Without a header, the API keeps English.
    const english = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    assert.equal(
      english.body().errors[0].message,
      'Request 1 is still open; it must be paid first.'
    )
  })

  test('sign-in refusals of the API follow Accept-Language', async ({ client, assert }) => {
    const response = await client
      .post('/api/v1/tokens')
      .header('accept-language', 'sq')
      .json({ email: 'nobody@example.test', password: 'wrong password here' })
    response.assertStatus(401)
    assert.deepEqual(response.body().errors, [
      { code: 'E_INVALID_CREDENTIALS', message: 'Email ose fjalëkalim i pavlefshëm' },
    ])
  })

  test('an administrator refused in Serbian sees no English sentence', async ({
    client,
    assert,
  }) => {
    const org = await makeOrganisation('contracting_authority')
    const admin = await makeMember(org, 'admin')
    const response = await client
      .post(`/admin/users/${admin.id}/deactivation`)
      .withSession({ locale: 'sr-Latn' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.equal(response.flashMessages().error, 'Ne možete deaktivirati sopstveni nalog.')
  })

  test('the dashboard of a grant manager names call statuses in Albanian', async ({
    client,
    assert,
  }) => {
    const { funder } = await makeSignedGrant()
    const manager = await makeMember(funder, 'grant_manager')
    const page = await client.get('/dashboard').withSession({ locale: 'sq' }).loginAs(manager)
    page.assertStatus(200)
    const text = page.text()
    for (const english of ['Calls under way', 'Your tasks are in the inbox', 'Nothing waits']) {
      assert.notInclude(text, english)
    }
    assert.include(text, 'Thirrjet në vazhdim')
    assert.notMatch(text, /data-call-status="[a-z_]+">[A-Z][a-z]+ [a-z]+</)
  })
})
