import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { makeMember, makeOrganisation, TEST_PASSWORD, passwordOf } from '#tests/helpers'

test.group('Profile', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a user sees their roles and edits their name and language', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo', 'Profile Shelter NGO')
    const user = await makeMember(ngo, 'applicant')

    const page = await client.get('/profile').loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Profile Shelter NGO')

    const response = await client
      .put('/profile')
      .form({ fullName: 'Renamed Person', locale: 'sq' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)

    response.assertHeader('location', '/profile')
    const fresh = await User.findOrFail(user.id)
    assert.equal(fresh.fullName, 'Renamed Person')
    assert.equal(fresh.locale, 'sq')
    const event = await db
      .from('audit_events')
      .where({ action: 'user.profile_updated', actor_id: user.id })
      .first()
    assert.include(event.before_json, user.fullName)
    assert.include(event.after_json, 'Renamed Person')
  })

  test('changing the password needs the current one', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const refused = await client
      .put('/profile/password')
      .form({
        currentPassword: 'wrong',
        password: 'A-new-long-password',
        passwordConfirmation: 'A-new-long-password',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage('errorsBag', {
      currentPassword: 'The current password is not correct.',
    })
    assert.isTrue(await hash.verify(await passwordOf(user.id), TEST_PASSWORD))

    await client
      .put('/profile/password')
      .form({
        currentPassword: TEST_PASSWORD,
        password: 'A-new-long-password',
        passwordConfirmation: 'A-new-long-password',
      })
      .loginAs(user)
      .withCsrfToken()
    assert.isTrue(await hash.verify(await passwordOf(user.id), 'A-new-long-password'))
  })
})
