import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import Membership from '#models/membership'
import User from '#models/user'
import { makeMember, makeOrganisation, sentMails } from '#tests/helpers'

async function invited() {
  const funder = await makeOrganisation('contracting_authority', 'EU Office')
  const admin = await makeMember(funder, 'admin')
  const { InviteUser } = await import('#actions/users/invite_user')
  const result = await new InviteUser().handle(
    {
      email: 'new@example.org',
      fullName: 'New Person',
      organisationId: funder.id,
      role: 'grant_manager',
    },
    admin,
    '127.0.0.1'
  )
  if (!result.ok) throw new Error('invitation failed')
  return { funder, admin, person: result.user }
}

const tokenIn = (text: string) => /\/password\/reset\/(\S+)/.exec(text)![1]

test.group('People: pending invitations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  test('an administrator resends a pending invitation; only the new link works', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { admin, person } = await invited()
    const first = tokenIn(sentMails(messages)[0].text)

    const page = await client.get(`/admin/users/${person.id}`).loginAs(admin)
    page.assertTextIncludes('has not accepted the invitation yet')
    const response = await client
      .post(`/admin/users/${person.id}/invitation`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage(
      'success',
      'The invitation is sent again; the earlier link no longer works.'
    )
    const resent = sentMails(messages).findLast((m) => m.to === 'new@example.org')!
    assert.include(resent.subject, 'your invitation')
    const second = tokenIn(resent.text)
    assert.notEqual(first, second)

    const old = await client.get(`/password/reset/${first}`)
    old.assertTextIncludes('not valid any more')
    const fresh = await client.get(`/password/reset/${second}`)
    fresh.assertTextIncludes('Save the password')
    const event = await db.from('audit_events').where({ action: 'invitation.resent' }).first()
    assert.equal(event.actor_id, admin.id)
  })

  test('an administrator withdraws a pending invitation: no link, no role, inactive', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { admin, person } = await invited()
    const token = tokenIn(sentMails(messages)[0].text)

    await client
      .delete(`/admin/users/${person.id}/invitation`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const fresh = await User.findOrFail(person.id)
    assert.isFalse(fresh.isActive)
    assert.lengthOf(await Membership.query().where('userId', person.id), 0)
    const link = await client.get(`/password/reset/${token}`)
    link.assertTextIncludes('not valid any more')
    const event = await db.from('audit_events').where({ action: 'invitation.revoked' }).first()
    assert.include(event.before_json, 'grant_manager')

    const again = await client
      .delete(`/admin/users/${person.id}/invitation`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(again.flashMessages().error), /no pending invitation/)
  })

  test('an accepted invitation is neither resent nor withdrawn; non-admins are refused', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('contracting_authority')
    const admin = await makeMember(funder, 'admin')
    const member = await makeMember(funder, 'grant_manager')
    const refused = await client
      .post(`/admin/users/${member.id}/invitation`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /no pending invitation/)

    const { person } = await invited()
    await client.delete(`/admin/users/${person.id}/invitation`).loginAs(member).withCsrfToken()
    const still = await User.findOrFail(person.id)
    assert.isTrue(still.isActive)
  })
})
