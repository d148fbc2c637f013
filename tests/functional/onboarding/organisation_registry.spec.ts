import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/organisation'
import { makeMember, makeOrganisation } from '#tests/helpers'

const registryEntry = {
  name: 'Qendra për Mbrojtjen e Viktimave',
  kind: 'ngo',
  legalName: 'Qendra për Mbrojtjen e Viktimave dhe Parandalimin e Trafikimit',
  shortName: 'PVPT',
  registrationNumber: '5110123-4',
  fiscalNumber: '600123456',
  address: 'Rr. Nëna Terezë 12',
  municipalityCode: 'prizren',
  legalRepresentative: 'Vjosa Gashi',
  contactPerson: 'Besa Hoxha',
  email: 'info@pvpt.example.org',
  phone: '+383 44 123 456',
}

async function funderManager() {
  const funder = await makeOrganisation('contracting_authority', 'EU Office')
  return makeMember(funder, 'grant_manager')
}

test.group('Organisation registry: web', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a grant manager of the funder registers an NGO with every registry field, audited', async ({
    client,
    assert,
  }) => {
    const manager = await funderManager()
    const form = await client.get('/organisations/create').loginAs(manager)
    form.assertStatus(200)
    form.assertTextIncludes('Legal representative')

    const response = await client
      .post('/organisations')
      .form(registryEntry)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    const created = await Organisation.findByOrFail('registrationNumber', '5110123-4')
    response.assertHeader('location', `/organisations/${created.id}`)
    assert.equal(created.kind, 'ngo')
    assert.equal(created.legalRepresentative, 'Vjosa Gashi')
    assert.equal(created.status, 'active')
    const event = await db.from('audit_events').where({ action: 'organisation.created' }).first()
    assert.equal(event.actor_id, manager.id)
    assert.include(event.after_json, '"legalRepresentative":"Vjosa Gashi"')
  })

  test('an audit firm can be registered', async ({ client, assert }) => {
    const manager = await funderManager()
    await client
      .post('/organisations')
      .form({ name: 'Kosova Audit LLC', kind: 'audit_firm', registrationNumber: '810000001' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    const firm = await Organisation.findByOrFail('registrationNumber', '810000001')
    assert.equal(firm.kind, 'audit_firm')
  })

  test('a second organisation with the same registration number is refused', async ({
    client,
    assert,
  }) => {
    const manager = await funderManager()
    const existing = await makeOrganisation('ngo', 'Existing NGO')
    existing.registrationNumber = '5110123-4'
    await existing.save()

    const response = await client
      .post('/organisations')
      .form({ ...registryEntry, registrationNumber: ' 5110123-4 ' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(errors.registrationNumber[0], /already registered/)
    assert.lengthOf(await Organisation.query().where('registrationNumber', '5110123-4'), 1)
  })

  test('the registry entry is edited with before and after in the audit', async ({
    client,
    assert,
  }) => {
    const manager = await funderManager()
    const ngo = await makeOrganisation('ngo', 'Old Name')

    const page = await client.get(`/organisations/${ngo.id}/registry/edit`).loginAs(manager)
    page.assertStatus(200)
    const response = await client
      .put(`/organisations/${ngo.id}/registry`)
      .form({ ...registryEntry, name: 'New Name' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    response.assertHeader('location', `/organisations/${ngo.id}`)
    const fresh = await Organisation.findOrFail(ngo.id)
    assert.equal(fresh.name, 'New Name')
    const event = await db.from('audit_events').where({ action: 'organisation.updated' }).first()
    assert.include(event.before_json, '"name":"Old Name"')
    assert.include(event.after_json, '"name":"New Name"')
  })

  test('NGO applicants, MLSW officials and grant managers of other organisations may not keep the registry', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const ministry = await makeOrganisation('ministry')
    const official = await makeMember(ministry, 'mlsw_official')
    const lead = await makeOrganisation('lead_grantee')
    const leadManager = await makeMember(lead, 'grant_manager')

    for (const user of [applicant, official, leadManager]) {
      const form = await client.get('/organisations/create').loginAs(user)
      form.assertStatus(403)
      const editForm = await client.get(`/organisations/${ngo.id}/registry/edit`).loginAs(user)
      editForm.assertStatus(403)
      const list = await client.get('/organisations').loginAs(user)
      assert.notInclude(list.text(), 'href="/organisations/create"')
      await client
        .post('/organisations')
        .form(registryEntry)
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      await client
        .put(`/organisations/${ngo.id}/registry`)
        .form({ name: 'Hijacked', kind: 'ngo' })
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    }
    assert.isNull(await Organisation.findBy('registrationNumber', '5110123-4'))
    const fresh = await Organisation.findOrFail(ngo.id)
    assert.notEqual(fresh.name, 'Hijacked')
  })

  test('an administrator sees the create and edit links on the list', async ({ client }) => {
    const funder = await makeOrganisation('contracting_authority')
    const admin = await makeMember(funder, 'admin')
    const response = await client.get('/organisations').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('href="/organisations/create"')
    response.assertTextIncludes(`href="/organisations/${funder.id}/registry/edit"`)
  })
})

test.group('Organisation registry: API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('POST /api/v1/organisations registers an organisation', async ({ client, assert }) => {
    const manager = await funderManager()
    const response = await client
      .post('/api/v1/organisations')
      .json(registryEntry)
      .withGuard('api')
      .loginAs(manager)
    response.assertStatus(201)
    const body = response.body() as { data: Record<string, unknown> }
    assert.equal(body.data.registrationNumber, '5110123-4')
    assert.equal(body.data.legalRepresentative, 'Vjosa Gashi')

    const duplicate = await client
      .post('/api/v1/organisations')
      .json({ ...registryEntry, name: 'Copy' })
      .withGuard('api')
      .loginAs(manager)
    duplicate.assertStatus(422)
    assert.equal(
      (duplicate.body() as { errors: { field: string }[] }).errors[0].field,
      'registrationNumber'
    )
  })

  test('an invalid kind is refused with 422', async ({ client }) => {
    const manager = await funderManager()
    const response = await client
      .post('/api/v1/organisations')
      .json({ name: 'X NGO', kind: 'bank' })
      .withGuard('api')
      .loginAs(manager)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'kind' }] })
  })

  test('PATCH /api/v1/organisations/:id changes only the fields sent, audited', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('contracting_authority')
    const admin = await makeMember(funder, 'admin')
    const ngo = await makeOrganisation('ngo', 'Keeps Its Name')

    const response = await client
      .patch(`/api/v1/organisations/${ngo.id}`)
      .json({ legalRepresentative: 'Arta Krasniqi', registrationNumber: '5110999-1' })
      .withGuard('api')
      .loginAs(admin)
    response.assertStatus(200)
    const fresh = await Organisation.findOrFail(ngo.id)
    assert.equal(fresh.name, 'Keeps Its Name')
    assert.equal(fresh.legalRepresentative, 'Arta Krasniqi')
    assert.equal(fresh.registrationNumber, '5110999-1')
    const event = await db.from('audit_events').where({ action: 'organisation.updated' }).first()
    assert.include(event.after_json, 'Arta Krasniqi')
  })

  test('an NGO applicant may not create or edit through the API', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo', 'Own NGO')
    const applicant = await makeMember(ngo, 'applicant')
    const create = await client
      .post('/api/v1/organisations')
      .json(registryEntry)
      .withGuard('api')
      .loginAs(applicant)
    create.assertStatus(403)
    const edit = await client
      .patch(`/api/v1/organisations/${ngo.id}`)
      .json({ name: 'Renamed' })
      .withGuard('api')
      .loginAs(applicant)
    edit.assertStatus(403)
    const fresh = await Organisation.findOrFail(ngo.id)
    assert.equal(fresh.name, 'Own NGO')
  })
})

test.group('Organisation registry: the NGO profile', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an NGO cannot take a registration number another organisation holds', async ({
    client,
    assert,
  }) => {
    const other = await makeOrganisation('ngo', 'Other NGO')
    other.registrationNumber = '5110123-4'
    await other.save()
    const ngo = await makeOrganisation('ngo', 'Own NGO')
    const applicant = await makeMember(ngo, 'applicant')

    const response = await client
      .put(`/organisations/${ngo.id}`)
      .form({ name: 'Own NGO', registrationNumber: '5110123-4' })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(errors.registrationNumber[0], /already registered/)
    const fresh = await Organisation.findOrFail(ngo.id)
    assert.isNull(fresh.registrationNumber)
  })
})

test.group('Organisation registry: pending registrations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('grant managers list the organisations pending verification', async ({ client, assert }) => {
    const manager = await funderManager()
    const pending = await makeOrganisation('ngo', 'Awaiting NGO')
    pending.status = 'pending'
    await pending.save()
    await makeOrganisation('ngo', 'Verified NGO')

    const response = await client.get('/organisations?status=pending').loginAs(manager)
    response.assertStatus(200)
    response.assertTextIncludes('Awaiting NGO')
    response.assertTextIncludes('Pending verification')
    assert.notInclude(response.text(), 'Verified NGO')
  })
})
