import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import Membership from '#models/membership'
import User from '#models/user'
import { makeMember, makeOrganisation, sentMails } from '#tests/helpers'

async function programme() {
  const funder = await makeOrganisation('contracting_authority', 'EU Office')
  const admin = await makeMember(funder, 'admin')
  const ngo = await makeOrganisation('ngo', 'Safe House')
  const applicant = await makeMember(ngo, 'applicant', 'besa@safe.example.org')
  return { funder, admin, ngo, applicant }
}

/** Awaits a request and checks its status. */
async function expectStatus(
  request: PromiseLike<{ assertStatus(status: number): void }>,
  status: number
) {
  const response = await request
  response.assertStatus(status)
}

async function rolesOf(userId: number, organisationId: number) {
  const rows = await Membership.query().where({ userId, organisationId }).orderBy('role')
  return rows.map((m) => m.role)
}

test.group('People: roles per organisation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  test('an administrator gives and removes a role; audited before/after, told by email, listed on the page', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { admin, ngo, applicant } = await programme()

    const added = await client
      .post(`/admin/users/${applicant.id}/roles`)
      .form({ organisationId: ngo.id, role: 'assessor' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    added.assertHeader('location', `/admin/users/${applicant.id}`)
    assert.deepEqual(await rolesOf(applicant.id, ngo.id), ['applicant', 'assessor'])
    const event = await db.from('audit_events').where('action', 'membership.role_added').first()
    assert.equal(event.actor_id, admin.id)
    assert.include(event.before_json, '"roles":["applicant"]')
    assert.include(event.after_json, '"roles":["applicant","assessor"]')
    const mails = sentMails(messages)
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].to, applicant.email)
    assert.equal(mails[0].subject, 'Shelter Grants: a new role at Safe House')
    assert.include(mails[0].text, 'Applicant, Assessor')

    const assessor = await Membership.findByOrFail({ userId: applicant.id, role: 'assessor' })
    const removed = await client
      .delete(`/admin/users/${applicant.id}/roles/${assessor.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    removed.assertHeader('location', `/admin/users/${applicant.id}`)
    assert.deepEqual(await rolesOf(applicant.id, ngo.id), ['applicant'])
    const removal = await db.from('audit_events').where('action', 'membership.role_removed').first()
    assert.include(removal.before_json, '"roles":["applicant","assessor"]')
    assert.include(removal.after_json, '"roles":["applicant"]')
    assert.equal(sentMails(messages)[1].subject, 'Shelter Grants: a role at Safe House was removed')

    const page = await client.get(`/admin/users/${applicant.id}`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('gave them the role Assessor at Safe House')
    page.assertTextIncludes('removed their role Assessor at Safe House')
  })

  test('a role the organisation’s kind does not allow is refused, and the same role twice is told', async ({
    client,
    assert,
  }) => {
    const { admin, ngo, applicant } = await programme()
    const refused = await client
      .post(`/admin/users/${applicant.id}/roles`)
      .form({ organisationId: ngo.id, role: 'grant_manager' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    const api = await client
      .post(`/api/v1/users/${applicant.id}/roles`)
      .json({ organisationId: ngo.id, role: 'grant_manager' })
      .withGuard('api')
      .loginAs(admin)
    api.assertStatus(403)
    const twice = await client
      .post(`/admin/users/${applicant.id}/roles`)
      .form({ organisationId: ngo.id, role: 'applicant' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      twice.flashMessages().error,
      'This person already holds that role in this organisation.'
    )
    assert.deepEqual(await rolesOf(applicant.id, ngo.id), ['applicant'])
  })

  test('the last active administrator keeps the admin role; another one may lose it', async ({
    client,
    assert,
  }) => {
    const { funder, admin } = await programme()
    const own = await Membership.findByOrFail({ userId: admin.id, role: 'admin' })
    const refused = await client
      .delete(`/admin/users/${admin.id}/roles/${own.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /last active administrator/)
    assert.deepEqual(await rolesOf(admin.id, funder.id), ['admin'])

    const second = await makeMember(funder, 'admin')
    const theirs = await Membership.findByOrFail({ userId: second.id, role: 'admin' })
    await client
      .delete(`/admin/users/${second.id}/roles/${theirs.id}`)
      .loginAs(admin)
      .withCsrfToken()
    assert.deepEqual(await rolesOf(second.id, funder.id), [])
  })

  test('the API gives and removes roles; the last admin is refused with 409', async ({
    client,
    assert,
  }) => {
    const { admin, ngo, applicant } = await programme()
    const shown = await client.get(`/api/v1/users/${applicant.id}`).withGuard('api').loginAs(admin)
    shown.assertStatus(200)
    assert.equal(shown.body().data.memberships[0].role, 'applicant')

    const created = await client
      .post(`/api/v1/users/${applicant.id}/roles`)
      .json({ organisationId: ngo.id, role: 'assessor' })
      .withGuard('api')
      .loginAs(admin)
    created.assertStatus(201)
    const assessor = created
      .body()
      .data.memberships.find((m: { role: string }) => m.role === 'assessor')
    assert.exists(assessor)

    const again = await client
      .post(`/api/v1/users/${applicant.id}/roles`)
      .json({ organisationId: ngo.id, role: 'assessor' })
      .withGuard('api')
      .loginAs(admin)
    again.assertStatus(409)

    const removed = await client
      .delete(`/api/v1/users/${applicant.id}/roles/${assessor.id}`)
      .withGuard('api')
      .loginAs(admin)
    removed.assertStatus(200)
    assert.deepEqual(await rolesOf(applicant.id, ngo.id), ['applicant'])

    const own = await Membership.findByOrFail({ userId: admin.id, role: 'admin' })
    const last = await client
      .delete(`/api/v1/users/${admin.id}/roles/${own.id}`)
      .withGuard('api')
      .loginAs(admin)
    last.assertStatus(409)
  })
})

test.group('People: an organisation manages its own people', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  async function withManager() {
    const base = await programme()
    await Membership.query()
      .where({ userId: base.applicant.id, organisationId: base.ngo.id })
      .update({ managesPeople: true })
    const manager = await User.findOrFail(base.applicant.id)
    await manager.loadMemberships()
    const colleague = await makeMember(base.ngo, 'applicant', 'colleague@safe.example.org')
    const other = await makeOrganisation('ngo', 'Other NGO')
    const stranger = await makeMember(other, 'applicant', 'stranger@other.example.org')
    return { ...base, manager, colleague, other, stranger }
  }

  test('invites a colleague, changes their role, deactivates and reactivates them', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { manager, colleague, ngo } = await withManager()

    const list = await client.get('/admin/users').loginAs(manager)
    list.assertStatus(200)
    list.assertTextIncludes('colleague@safe.example.org')
    const organisationPage = await client.get(`/organisations/${ngo.id}`).loginAs(manager)
    organisationPage.assertTextIncludes(`href="/admin/users/${colleague.id}"`)
    assert.notInclude(list.text(), 'stranger@other.example.org')
    assert.notInclude(list.text(), 'EU Office')

    const invited = await client
      .post('/admin/invitations')
      .form({
        fullName: 'Drin Krasniqi',
        email: 'drin@safe.example.org',
        organisationId: ngo.id,
        role: 'applicant',
      })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    invited.assertHeader('location', '/admin/users')
    const drin = await User.findByOrFail('email', 'drin@safe.example.org')
    assert.deepEqual(await rolesOf(drin.id, ngo.id), ['applicant'])
    assert.equal(sentMails(messages)[0].subject, 'Shelter Grants: you were invited to Safe House')

    await client
      .post(`/admin/users/${colleague.id}/roles`)
      .form({ organisationId: ngo.id, role: 'assessor' })
      .loginAs(manager)
      .withCsrfToken()
    assert.deepEqual(await rolesOf(colleague.id, ngo.id), ['applicant', 'assessor'])

    await client.post(`/admin/users/${colleague.id}/deactivation`).loginAs(manager).withCsrfToken()
    await colleague.refresh()
    assert.isFalse(colleague.isActive)
    await client
      .delete(`/admin/users/${colleague.id}/deactivation`)
      .loginAs(manager)
      .withCsrfToken()
    await colleague.refresh()
    assert.isTrue(colleague.isActive)
    const subjects = sentMails(messages).map((m) => m.subject)
    assert.includeMembers(subjects, [
      'Shelter Grants: your account was deactivated',
      'Shelter Grants: your account is active again',
    ])

    await client
      .post(`/admin/users/${colleague.id}/people-manager`)
      .form({ organisationId: ngo.id })
      .loginAs(manager)
      .withCsrfToken()
    const rows = await Membership.query().where({ userId: colleague.id, organisationId: ngo.id })
    assert.isTrue(rows.every((m) => m.managesPeople))
    assert.exists(
      await db.from('audit_events').where('action', 'membership.people_manager_granted').first()
    )
  })

  test('is refused other organisations’ people (404) and programme-wide roles (403)', async ({
    client,
    assert,
  }) => {
    const { manager, stranger, other, colleague, ngo, funder, admin } = await withManager()
    const before = await db
      .from('audit_events')
      .whereNot('action', 'like', '%viewed')
      .count('* as n')

    await expectStatus(client.get(`/admin/users/${stranger.id}`).loginAs(manager), 404)
    await expectStatus(client.get(`/admin/users/${admin.id}`).loginAs(manager), 404)
    await expectStatus(
      client.post(`/admin/users/${stranger.id}/deactivation`).loginAs(manager).withCsrfToken(),
      404
    )
    await expectStatus(
      client
        .post(`/admin/users/${stranger.id}/roles`)
        .form({ organisationId: other.id, role: 'assessor' })
        .loginAs(manager)
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client.get(`/api/v1/users/${stranger.id}`).withGuard('api').loginAs(manager),
      404
    )

    assert.deepEqual(await rolesOf(colleague.id, ngo.id), ['applicant'])
    // Escalation: no admin, no grant manager, no role in another organisation.
    for (const [organisationId, role] of [
      [ngo.id, 'admin'],
      [ngo.id, 'grant_manager'],
      [funder.id, 'admin'],
      [funder.id, 'grant_manager'],
      [other.id, 'applicant'],
    ] as const) {
      const response = await client
        .post(`/admin/users/${colleague.id}/roles`)
        .form({ organisationId, role })
        .loginAs(manager)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
      const api = await client
        .post(`/api/v1/users/${colleague.id}/roles`)
        .json({ organisationId, role })
        .withGuard('api')
        .loginAs(manager)
      api.assertStatus(403)
    }
    const invite = await client
      .post('/admin/invitations')
      .form({
        fullName: 'Sneaky One',
        email: 'sneaky@example.org',
        organisationId: funder.id,
        role: 'admin',
      })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    invite.assertStatus(302)
    assert.isNull(await User.findBy('email', 'sneaky@example.org'))

    // A person who also holds a role elsewhere is left to an administrator.
    await Membership.create({ userId: colleague.id, organisationId: other.id, role: 'applicant' })
    await expectStatus(
      client
        .post(`/admin/users/${colleague.id}/deactivation`)
        .loginAs(manager)
        .withCsrfToken()
        .redirects(0),
      302
    )
    await colleague.refresh()
    assert.isTrue(colleague.isActive)

    const after = await db
      .from('audit_events')
      .whereNot('action', 'like', '%viewed')
      .count('* as n')
    assert.equal(Number(after[0].n), Number(before[0].n))
  })

  test('the history and the email speak the reader’s and the person’s language', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { manager, colleague, ngo } = await withManager()
    await manager.merge({ locale: 'sq' }).save()
    await colleague.merge({ locale: 'sr-Latn' }).save()
    await client
      .post(`/admin/users/${colleague.id}/roles`)
      .form({ organisationId: ngo.id, role: 'assessor' })
      .loginAs(manager)
      .withCsrfToken()
    const mailSent = sentMails(messages).at(-1)!
    assert.equal(mailSent.subject, 'Shelter Grants: nova uloga u Safe House')
    const page = await client
      .get(`/admin/users/${colleague.id}`)
      .header('accept-language', 'sq')
      .loginAs(manager)
    page.assertStatus(200)
    page.assertTextIncludes(`${manager.fullName} i dha rolin`)
  })

  test('giving and withdrawing the people-manager flag holds from the very next request', async ({
    client,
  }) => {
    const { colleague, manager, ngo } = await withManager()
    await expectStatus(client.get('/admin/users').loginAs(colleague), 403)

    await client
      .post(`/admin/users/${colleague.id}/people-manager`)
      .form({ organisationId: ngo.id })
      .loginAs(manager)
      .withCsrfToken()
    await expectStatus(client.get('/admin/users').loginAs(colleague), 200)

    await client
      .delete(`/admin/users/${colleague.id}/people-manager`)
      .form({ organisationId: ngo.id })
      .loginAs(manager)
      .withCsrfToken()
    await expectStatus(client.get('/admin/users').loginAs(colleague), 403)
  })

  test('a member who does not manage people is refused the people pages', async ({ client }) => {
    const { colleague, manager } = await withManager()
    await expectStatus(client.get('/admin/users').loginAs(colleague), 403)
    await expectStatus(client.get(`/admin/users/${manager.id}`).loginAs(colleague), 403)
    await expectStatus(
      client.get(`/api/v1/users/${manager.id}`).withGuard('api').loginAs(colleague),
      403
    )
  })
})
