import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import Call from '#models/call'
import Licence from '#models/licence'
import { todayInKosovo } from '#services/clock'
import { makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

const legalAid = {
  code: 'legal_aid',
  nameEn: 'Free legal aid',
  nameSq: 'Ndihmë juridike falas',
  nameSr: 'Besplatna pravna pomoć',
}

function callForm(reference: string, services: string[]) {
  const deadline = DateTime.utc().plus({ days: 60 }).setZone('Europe/Belgrade')
  const local = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm")
  return {
    reference,
    'titleEn': 'Support to shelters for victims of trafficking',
    'procedure': 'restricted',
    'budgetEnvelope': '300 000,00',
    'minGrant': '20 000',
    'maxGrant': '60 000',
    'maxFunderShare': '95',
    'maxPerThirdParty': '60 000',
    'conceptGrid': JSON.stringify(defaultConceptGrid),
    'fullGrid': JSON.stringify(defaultFullGrid),
    'conceptDeadline': local(deadline),
    'fullDeadline': local(deadline.plus({ days: 40 })),
    'minDaysToConceptDeadline': '45',
    'minDaysToFullDeadline': '30',
    'shortlistMultiple': '2',
    'spreadFlag': '20',
    'eligibleServices[]': services,
  }
}

async function setup() {
  const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
  const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
  const ngo = await makeOrganisation('ngo', 'Licensed Shelter NGO')
  return { admin, official, ngo }
}

test.group('Reference data drives the services of licences and calls', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a service the admin adds is accepted on a licence and named in three languages', async ({
    client,
    assert,
  }) => {
    const { admin, official, ngo } = await setup()
    const before = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(official)
      .json({ number: 'L-1', level: 'basic', services: ['legal_aid'], issuedOn: '2026-03-01' })
    before.assertStatus(422)
    before.assertBodyContains({ errors: [{ field: 'services.0' }] })

    await client
      .post('/admin/reference/services')
      .form(legalAid)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    const form = await client.get('/licences/create').loginAs(official)
    assert.include(form.text(), 'value="legal_aid"')
    assert.include(form.text(), 'Free legal aid')

    const after = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(official)
      .json({ number: 'L-1', level: 'basic', services: ['legal_aid'], issuedOn: '2026-03-01' })
    after.assertStatus(201)
    const licence = await Licence.findByOrFail('number', 'L-1')
    assert.deepEqual(licence.services, ['legal_aid'])

    for (const [locale, name] of [
      ['en', 'Free legal aid'],
      ['sq', 'Ndihmë juridike falas'],
      ['sr-Latn', 'Besplatna pravna pomoć'],
    ]) {
      const page = await client
        .get(`/licences/${licence.id}`)
        .withSession({ locale })
        .loginAs(official)
      assert.include(page.text(), name, locale)
    }

    const check = await client
      .get(`/api/v1/licence-checks`)
      .qs({ organisationId: ngo.id, service: 'legal_aid', from: '2026-04-01', to: '2026-05-01' })
      .withGuard('api')
      .loginAs(official)
    assert.notEqual(check.status(), 422)
  })

  test('a retired service is refused for new licences, renewals keep it', async ({
    client,
    assert,
  }) => {
    const { admin, official, ngo } = await setup()
    await client
      .post('/admin/reference/services/counselling/retirement')
      .form({ retiredOn: todayInKosovo() })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    const refused = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(official)
      .json({ number: 'L-2', level: 'basic', services: ['counselling'], issuedOn: '2026-03-01' })
    refused.assertStatus(422)
    const form = await client.get('/licences/create').loginAs(official)
    assert.notInclude(form.text(), 'value="counselling"')

    const old = await makeLicence(ngo, official, {
      issuedOn: '2024-01-01',
      validUntil: '2026-12-31',
      services: ['counselling'],
    })
    const shown = await client.get(`/licences/${old.id}`).loginAs(official)
    assert.include(shown.text(), 'Counselling')
    await client
      .post(`/api/v1/licences/${old.id}/renewal`)
      .withGuard('api')
      .loginAs(official)
      .json({ requestedOn: '2026-11-01' })
    const renewal = await client
      .post(`/api/v1/licences/${old.id}/renewal/grant`)
      .withGuard('api')
      .loginAs(official)
      .json({ number: 'L-3', services: ['counselling'], issuedOn: '2026-12-01' })
    assert.notEqual(renewal.status(), 422, renewal.text())
  })

  test('the call form offers the services in force and the validator follows them', async ({
    client,
    assert,
  }) => {
    const { admin } = await setup()
    const manager = await makeMember(await makeOrganisation('lead_grantee'), 'grant_manager')
    await client
      .post('/admin/reference/services')
      .form(legalAid)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    await client
      .post('/admin/reference/services/day_care/retirement')
      .form({ retiredOn: todayInKosovo() })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    const page = await client.get('/calls/create').loginAs(manager)
    assert.include(page.text(), 'value="legal_aid"')
    assert.notInclude(page.text(), 'value="day_care"')

    const refused = await client
      .post('/calls')
      .form(callForm('SG-R-1', ['day_care']))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    assert.isNull(await Call.findBy('reference', 'SG-R-1'))

    await client
      .post('/calls')
      .form(callForm('SG-R-2', ['legal_aid']))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    const call = await Call.findByOrFail('reference', 'SG-R-2')
    assert.deepEqual(call.eligibleServices, ['legal_aid'])
    const shown = await client
      .get(`/calls/${call.id}`)
      .withSession({ locale: 'sq' })
      .loginAs(manager)
    assert.include(shown.text(), 'Ndihmë juridike falas')
  })
})
