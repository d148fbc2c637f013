import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation } from '#tests/helpers'

test.group('Organisations: tenancy', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an NGO user sees their own organisation page', async ({ client }) => {
    const ngo = await makeOrganisation('ngo', 'Own Shelter NGO')
    const user = await makeMember(ngo, 'applicant')

    const response = await client.get(`/organisations/${ngo.id}`).loginAs(user)

    response.assertStatus(200)
    response.assertTextIncludes('Own Shelter NGO')
  })

  test("an NGO user gets 404 for another NGO's page", async ({ client, assert }) => {
    const own = await makeOrganisation('ngo')
    const other = await makeOrganisation('ngo', 'Other Shelter NGO')
    const user = await makeMember(own, 'applicant')

    const response = await client.get(`/organisations/${other.id}`).loginAs(user)

    response.assertStatus(404)
    assert.notInclude(response.text(), 'Other Shelter NGO')
  })

  test('the organisation list of an NGO user holds only their own organisation', async ({
    client,
    assert,
  }) => {
    const own = await makeOrganisation('ngo', 'Listed Own NGO')
    await makeOrganisation('ngo', 'Hidden Other NGO')
    const user = await makeMember(own, 'applicant')

    const response = await client.get('/organisations').loginAs(user)

    response.assertStatus(200)
    response.assertTextIncludes('Listed Own NGO')
    assert.notInclude(response.text(), 'Hidden Other NGO')
  })

  test('the CSV export holds the same organisations as the list', async ({ client, assert }) => {
    const own = await makeOrganisation('ngo', 'Csv Own NGO')
    await makeOrganisation('ngo', 'Csv Hidden NGO')
    const user = await makeMember(own, 'applicant')

    const response = await client.get('/organisations?format=csv').loginAs(user)

    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.include(response.text(), 'Csv Own NGO')
    assert.notInclude(response.text(), 'Csv Hidden NGO')
  })

  test('a grant manager sees every organisation', async ({ client }) => {
    const authority = await makeOrganisation('contracting_authority')
    const ngo = await makeOrganisation('ngo', 'Any Shelter NGO')
    const manager = await makeMember(authority, 'grant_manager')

    const response = await client.get(`/organisations/${ngo.id}`).loginAs(manager)

    response.assertStatus(200)
    response.assertTextIncludes('Any Shelter NGO')
  })

  test('viewing an organisation page is audited', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    await client.get(`/organisations/${ngo.id}`).loginAs(user)

    const { default: db } = await import('@adonisjs/lucid/services/db')
    const event = await db
      .from('audit_events')
      .where({ action: 'organisation.viewed', actor_id: user.id, subject_id: String(ngo.id) })
      .first()
    assert.exists(event)
  })

  test('an invalid filter is refused with a clear error, not a crash', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .get('/api/v1/organisations?kind=bank')
      .withGuard('api')
      .loginAs(user)

    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'kind' }] })
  })
})
