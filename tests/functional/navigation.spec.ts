import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation } from '#tests/helpers'

const navItems = (html: string) =>
  [...html.matchAll(/data-nav-item="([a-z_]+)"/g)].map((match) => match[1])

test.group('Navigation and dashboard by role', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an applicant sees the dashboard, organisations and profile only', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client.get('/dashboard').loginAs(user)

    response.assertStatus(200)
    assert.deepEqual(navItems(response.text()), [
      'dashboard',
      'calls',
      'grants',
      'handover',
      'monitoring',
      'organisations',
      'shelters',
      'licences',
      'search',
      'tasks',
      'notifications',
      'profile',
    ])
    assert.include(response.text(), 'data-panel="applicant"')
  })

  test('an administrator also sees users and the audit trail', async ({ client, assert }) => {
    const authority = await makeOrganisation('contracting_authority')
    const admin = await makeMember(authority, 'admin')

    const response = await client.get('/dashboard').loginAs(admin)

    assert.deepEqual(navItems(response.text()), [
      'dashboard',
      'calls',
      'grants',
      'licensing',
      'handover',
      'indicators',
      'monitoring',
      'organisations',
      'shelters',
      'licences',
      'users',
      'audit',
      'search',
      'tasks',
      'notifications',
      'profile',
    ])
    assert.include(response.text(), 'data-panel="admin"')
  })

  test('an applicant is refused the admin pages', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    for (const path of ['/admin/users', '/admin/audit-events', '/admin/invitations/create']) {
      const response = await client.get(path).loginAs(user)
      response.assertStatus(403)
      response.assertTextIncludes('Not allowed')
    }
  })
})
