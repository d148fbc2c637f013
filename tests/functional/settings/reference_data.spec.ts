import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Municipality from '#models/municipality'
import Service from '#models/service'
import { todayInKosovo } from '#services/clock'
import { makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

const names = { nameEn: 'New Town', nameSq: 'Qyteti i Ri', nameSr: 'Novi Grad' }

test.group('Reference data: municipalities and services', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an admin adds, renames and retires a municipality; nothing is deleted', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const page = await client.get('/admin/reference/municipalities').loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), 'Prishtin')

    const added = await client
      .post('/admin/reference/municipalities')
      .form({ code: 'new_town', ...names })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    added.assertHeader('location', '/admin/reference/municipalities')
    assert.equal(
      await Municipality.findOrFail('new_town').then((found) => found.nameSq),
      'Qyteti i Ri'
    )

    const again = await client
      .post('/admin/reference/municipalities')
      .form({ code: 'new_town', ...names })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    again.assertStatus(302)
    assert.include(JSON.stringify(again.flashMessages()), 'already used')

    await client
      .put('/admin/reference/municipalities/new_town')
      .form({ ...names, nameEn: 'Newer Town' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      await Municipality.findOrFail('new_town').then((found) => found.nameEn),
      'Newer Town'
    )

    const yesterday = DateTime.fromISO(todayInKosovo()).minus({ days: 1 }).toISODate()!
    const past = await client
      .post('/admin/reference/municipalities/new_town/retirement')
      .form({ retiredOn: yesterday })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    past.assertStatus(302)
    assert.isNull(await Municipality.findOrFail('new_town').then((found) => found.retiredOn))

    await client
      .post('/admin/reference/municipalities/new_town/retirement')
      .form({ retiredOn: todayInKosovo() })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const retired = await Municipality.findOrFail('new_town')
    assert.equal(retired.retiredOn?.toISODate(), todayInKosovo())

    const actions = await db
      .from('audit_events')
      .where('subject_type', 'municipality')
      .where('subject_id', 'new_town')
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      actions.map((a) => a.action),
      ['municipality.added', 'municipality.renamed', 'municipality.retired']
    )
  })

  test('a retired municipality is not offered for a new shelter; one that uses it keeps it', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const shelter = await makeShelter(ngo)
    await Municipality.query().where('code', 'prishtina').update({ retired_on: todayInKosovo() })

    const form = await client.get(`/shelters/create?organisationId=${ngo.id}`).loginAs(applicant)
    form.assertStatus(200)
    assert.notInclude(form.text(), 'value="prishtina"')
    assert.include(form.text(), 'value="prizren"')
    const kept = await client.get(`/shelters/${shelter.id}`).loginAs(applicant)
    kept.assertStatus(200)
    assert.include(kept.text(), 'Prishtin')
  })

  test('services: the licensed services are listed; renamed by an admin', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const page = await client.get('/admin/reference/services').loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), 'residential_vot')
    await client
      .put('/admin/reference/services/counselling')
      .form({
        nameEn: 'Psychosocial counselling',
        nameSq: 'Këshillim psikosocial',
        nameSr: 'Psihosocijalno savetovanje',
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      await Service.findOrFail('counselling').then((found) => found.nameEn),
      'Psychosocial counselling'
    )
  })

  test('people who are not admins get 403 and change nothing', async ({ client, assert }) => {
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    await client
      .get('/admin/reference/municipalities')
      .loginAs(mlsw)
      .then((response) => response.assertStatus(403))
    const add = await client
      .post('/admin/reference/services')
      .form({ code: 'spa', ...names })
      .loginAs(mlsw)
      .withCsrfToken()
      .accept('json')
    add.assertStatus(403)
    const retire = await client
      .post('/admin/reference/municipalities/prizren/retirement')
      .form({ retiredOn: todayInKosovo() })
      .loginAs(mlsw)
      .withCsrfToken()
      .accept('json')
    retire.assertStatus(403)
    assert.isNull(await Service.find('spa'))
    assert.isNull(await Municipality.findOrFail('prizren').then((found) => found.retiredOn))
  })

  test('API: the lists with retirement dates, for any signed-in reader', async ({
    client,
    assert,
  }) => {
    const reader = await makeMember(await makeOrganisation('ngo'), 'applicant')
    await Municipality.query().where('code', 'prizren').update({ retired_on: '2030-01-01' })
    const municipalities = await client
      .get('/api/v1/municipalities')
      .withGuard('api')
      .loginAs(reader)
    municipalities.assertStatus(200)
    const prizren = municipalities.body().data.find((m: { code: string }) => m.code === 'prizren')
    assert.equal(prizren.retiredOn, '2030-01-01')
    assert.lengthOf(municipalities.body().data, 38)
    const services = await client.get('/api/v1/services').withGuard('api').loginAs(reader)
    assert.sameMembers(
      services.body().data.map((s: { code: string }) => s.code),
      ['residential_vot', 'residential_dv', 'counselling', 'day_care', 'reintegration']
    )
    await client.get('/api/v1/services').then((response) => response.assertStatus(401))
  })
})
