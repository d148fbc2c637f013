import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

test.group('Shelters: the confidential address', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the NGO sees its own shelter address', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const shelter = await makeShelter(ngo)

    const page = await client.get(`/shelters/${shelter.id}`).loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Secret Street 7')

    const api = await client.get(`/api/v1/shelters/${shelter.id}`).withGuard('api').loginAs(user)
    api.assertBodyContains({ data: { confidentialAddress: 'Secret Street 7' } })
  })

  test('another NGO gets 404 for the shelter, on the page and in the API', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const other = await makeOrganisation('ngo')
    const outsider = await makeMember(other, 'applicant')
    const shelter = await makeShelter(ngo)

    const page = await client.get(`/shelters/${shelter.id}`).loginAs(outsider)
    page.assertStatus(404)
    assert.notInclude(page.text(), 'Secret Street 7')
    const api = await client
      .get(`/api/v1/shelters/${shelter.id}`)
      .withGuard('api')
      .loginAs(outsider)
    api.assertStatus(404)
  })

  test('an MLSW official sees the address; a grant manager sees the shelter without it', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const shelter = await makeShelter(ngo)
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const manager = await makeMember(
      await makeOrganisation('contracting_authority'),
      'grant_manager'
    )

    const mlswPage = await client.get(`/shelters/${shelter.id}`).loginAs(official)
    mlswPage.assertTextIncludes('Secret Street 7')

    const managerPage = await client.get(`/shelters/${shelter.id}`).loginAs(manager)
    managerPage.assertStatus(200)
    assert.notInclude(managerPage.text(), 'Secret Street 7')
    const managerApi = await client
      .get(`/api/v1/shelters/${shelter.id}`)
      .withGuard('api')
      .loginAs(manager)
    assert.notProperty(managerApi.body().data, 'confidentialAddress')
  })

  test('the address never appears in exports, even for the NGO itself', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const shelter = await makeShelter(ngo, 'Exported Shelter')

    const csv = await client.get('/shelters?format=csv').loginAs(user)
    assert.include(csv.text(), 'Exported Shelter')
    assert.notInclude(csv.text(), 'Secret Street 7')
    const list = await client.get('/api/v1/shelters').withGuard('api').loginAs(user)
    assert.notInclude(JSON.stringify(list.body()), 'Secret Street 7')
    assert.equal(list.body().data[0].id, shelter.id)
  })

  test('an NGO records a shelter; the audit trail keeps no address', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .post('/shelters')
      .form({
        organisationId: ngo.id,
        name: 'New Safe House',
        municipalityCode: 'peja',
        capacityBeds: 9,
        targetGroups: ['victims_of_trafficking', 'children'],
        confidentialAddress: 'Hidden Road 3',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const row = await db.from('shelters').where('name', 'New Safe House').first()
    assert.equal(row.capacity_beds, 9)
    const event = await db
      .from('audit_events')
      .where({ action: 'shelter.created', subject_id: String(row.id) })
      .first()
    assert.notInclude(event.after_json, 'Hidden Road 3')
    assert.include(event.after_json, '"addressChanged":true')
  })
})

test.group('Shelters: admins are outsiders for the address', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an admin edits a shelter without ever seeing its address, which stays', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const shelter = await makeShelter(ngo)
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')

    for (const path of [`/shelters/${shelter.id}`, `/shelters/${shelter.id}/edit`]) {
      const page = await client.get(path).loginAs(admin)
      page.assertStatus(200)
      assert.notInclude(page.text(), 'Secret Street 7', path)
      assert.notInclude(page.text(), 'name="confidentialAddress"', path)
    }
    const api = await client.get(`/api/v1/shelters/${shelter.id}`).withGuard('api').loginAs(admin)
    assert.notProperty(api.body().data, 'confidentialAddress')

    // The admin changes the capacity; an address slipped into the form is ignored.
    const saved = await client
      .post(`/shelters/${shelter.id}?_method=PUT`)
      .form({
        name: shelter.name,
        municipalityCode: 'prishtina',
        capacityBeds: 14,
        targetGroups: ['victims_of_trafficking', 'children'],
        confidentialAddress: 'Overwritten 1',
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    await shelter.refresh()
    assert.equal(shelter.capacityBeds, 14)
    assert.equal(shelter.confidentialAddress, 'Secret Street 7')

    const { default: AuditEvent } = await import('#models/audit_event')
    const views = await AuditEvent.query().where('action', 'shelter.address_viewed')
    assert.lengthOf(views, 0)
  })

  test('the NGO’s own edit form shows the address, and the view is audited', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const shelter = await makeShelter(ngo)
    const form = await client.get(`/shelters/${shelter.id}/edit`).loginAs(user)
    form.assertStatus(200)
    assert.include(form.text(), 'Secret Street 7')
    await client.get(`/api/v1/shelters/${shelter.id}`).withGuard('api').loginAs(user)

    const { default: AuditEvent } = await import('#models/audit_event')
    const views = await AuditEvent.query()
      .where('action', 'shelter.address_viewed')
      .where('subject_id', String(shelter.id))
      .orderBy('id')
    assert.deepEqual(
      views.map((e) => [Number(e.actorId), JSON.parse(e.afterJson!).outlet]),
      [
        [user.id, 'edit'],
        [user.id, 'api'],
      ]
    )
  })
})

test.group('Shelters: list filters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the list filters by municipality and target group', async ({ client, assert }) => {
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo')
    const inPrishtina = await makeShelter(ngo, 'Filter Prishtina')
    const other = await makeShelter(ngo, 'Filter Peja')
    other.merge({ municipalityCode: 'peja', targetGroups: ['children'] })
    await other.save()

    const byMunicipality = await client.get('/shelters?municipalityCode=peja').loginAs(official)
    assert.include(byMunicipality.text(), 'Filter Peja')
    assert.notInclude(byMunicipality.text(), 'Filter Prishtina')

    const byGroup = await client
      .get('/shelters?targetGroup=victims_of_trafficking&format=csv')
      .loginAs(official)
    assert.include(byGroup.text(), 'Filter Prishtina')
    assert.notInclude(byGroup.text(), 'Filter Peja')
    assert.isAbove(inPrishtina.id, 0)
  })
})
