import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import { makeMember, makeOrganisation, sentMails, passwordOf } from '#tests/helpers'

function linkIn(text: string) {
  const match = text.match(/\/password\/reset\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`No reset link in: ${text}`)
  return match[1]
}

test.group('Password reset by emailed link', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a user resets the password with the emailed link, once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const requested = await client
      .post('/password/forgot')
      .form({ email: user.email })
      .withCsrfToken()
      .redirects(0)
    requested.assertStatus(302)

    const [sent] = sentMails(messages)
    assert.deepInclude(sent, { to: user.email, subject: 'Shelter Grants: reset your password' })
    const token = linkIn(sent.text)

    const form = await client.get(`/password/reset/${token}`)
    form.assertStatus(200)
    form.assertTextIncludes('name="passwordConfirmation"')

    const reset = await client
      .post(`/password/reset/${token}`)
      .form({ password: 'A-new-long-password', passwordConfirmation: 'A-new-long-password' })
      .withCsrfToken()
      .redirects(0)
    reset.assertHeader('location', '/login')

    const fresh = await User.findOrFail(user.id)
    assert.isTrue(await hash.verify(fresh.password, 'A-new-long-password'))

    const reused = await client
      .post(`/password/reset/${token}`)
      .form({ password: 'Another-long-password', passwordConfirmation: 'Another-long-password' })
      .withCsrfToken()
      .redirects(0)
    reused.assertHeader('location', '/password/forgot')
    assert.isTrue(await hash.verify(await passwordOf(user.id), 'A-new-long-password'))
  })

  test('an unknown address gets the same answer and no mail', async ({
    client,
    cleanup,
    assert,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())

    const response = await client
      .post('/password/forgot')
      .form({ email: 'nobody@example.test' })
      .withCsrfToken()
      .redirects(0)

    response.assertFlashMessage(
      'success',
      'If an account uses that address, a link to reset the password is on its way.'
    )
    assert.deepEqual(sentMails(messages), [])
  })

  test('mismatching passwords are refused and the link stays usable', async ({
    client,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    await client.post('/password/forgot').form({ email: user.email }).withCsrfToken()
    const token = linkIn(sentMails(messages)[0].text)

    const response = await client
      .post(`/password/reset/${token}`)
      .form({ password: 'A-new-long-password', passwordConfirmation: 'Something-else-1' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      passwordConfirmation: ['The two passwords do not match'],
    })
    const stillUsable = await client.get(`/password/reset/${token}`)
    stillUsable.assertTextIncludes('name="passwordConfirmation"')
  })
})
