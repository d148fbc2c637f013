import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import Membership from '#models/membership'
import User from '#models/user'
import { makeMember, makeOrganisation, sentMails } from '#tests/helpers'

test.group('Admin: invitations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an admin invites a new person to an NGO as applicant', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const authority = await makeOrganisation('contracting_authority')
    const ngo = await makeOrganisation('ngo', 'Invited Shelter NGO')
    const admin = await makeMember(authority, 'admin')

    const response = await client
      .post('/admin/invitations')
      .form({
        fullName: 'Nora New',
        email: 'Nora.New@example.test',
        organisationId: ngo.id,
        role: 'applicant',
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    response.assertHeader('location', '/admin/users')
    const user = await User.findByOrFail('email', 'nora.new@example.test')
    const membership = await Membership.query()
      .where({ userId: user.id, organisationId: ngo.id })
      .firstOrFail()
    assert.equal(membership.role, 'applicant')
    assert.equal(membership.invitedById, admin.id)
    assert.deepEqual(
      sentMails(messages).map(({ to, subject }) => ({ to, subject })),
      [
        {
          to: 'nora.new@example.test',
          subject: 'Shelter Grants: you were invited to Invited Shelter NGO',
        },
      ]
    )
    const event = await db
      .from('audit_events')
      .where({ action: 'membership.invited', actor_id: admin.id })
      .first()
    assert.include(event.after_json, '"role":"applicant"')
  })

  test('the same role twice is refused with a message and saves nothing', async ({
    client,
    assert,
    cleanup,
  }) => {
    mail.fake()
    cleanup(() => mail.restore())
    const authority = await makeOrganisation('contracting_authority')
    const ngo = await makeOrganisation('ngo')
    const admin = await makeMember(authority, 'admin')
    const member = await makeMember(ngo, 'applicant')

    const response = await client
      .post('/admin/invitations')
      .form({
        fullName: member.fullName,
        email: member.email,
        organisationId: ngo.id,
        role: 'applicant',
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    response.assertFlashMessage('errorsBag', {
      role: 'This person already holds this role in this organisation.',
    })
    const count = await Membership.query().where({ userId: member.id }).count('* as total')
    assert.equal(Number(count[0].$extras.total), 1)
  })

  test('invalid input is refused field by field', async ({ client }) => {
    const authority = await makeOrganisation('contracting_authority')
    const admin = await makeMember(authority, 'admin')

    const response = await client
      .post('/admin/invitations')
      .form({ fullName: '', email: 'not-an-email', organisationId: 999999, role: 'king' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    for (const field of ['fullName', 'email', 'organisationId', 'role']) {
      if (!errors[field]) throw new Error(`no error for ${field}: ${JSON.stringify(errors)}`)
    }
  })

  test('only administrators may invite', async ({ client, assert }) => {
    const authority = await makeOrganisation('contracting_authority')
    const ngo = await makeOrganisation('ngo')
    const manager = await makeMember(authority, 'grant_manager')

    const response = await client
      .post('/admin/invitations')
      .form({ fullName: 'X Y', email: 'x@example.test', organisationId: ngo.id, role: 'admin' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertFlashMessage('error', 'Access denied')
    assert.isNull(await User.findBy('email', 'x@example.test'))
  })
})
